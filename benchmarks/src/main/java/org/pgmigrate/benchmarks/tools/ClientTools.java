package org.pgmigrate.benchmarks.tools;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The PostgreSQL client programs of one installation ({@code pg_dump}, {@code pg_restore},
 * {@code psql} in one directory) and their major version, and {@code pgcopydb} when it is there.
 * They are looked for on {@code PATH}, then in Debian's {@code /usr/lib/postgresql/<major>/bin},
 * newest first.
 */
public record ClientTools(Path binDir, int major, Optional<Path> pgcopydb) {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(?:\\.(\\d+))?");
    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    public Path pgDump() {
        return binDir.resolve("pg_dump");
    }

    public Path pgRestore() {
        return binDir.resolve("pg_restore");
    }

    public Path psql() {
        return binDir.resolve("psql");
    }

    /** The client programs found on this machine, if any. */
    public static Optional<ClientTools> find() {
        List<Path> dirs = searchDirectories(System.getenv().getOrDefault("PATH", ""), debianBinDirectories());
        Optional<Path> pgcopydb = dirs.stream().map(d -> d.resolve("pgcopydb")).filter(Files::isExecutable).findFirst();
        for (Path dir : dirs) {
            if (Stream.of("pg_dump", "pg_restore", "psql").allMatch(p -> Files.isExecutable(dir.resolve(p)))) {
                OptionalInt major = majorOf(Processes.output(List.of(dir.resolve("pg_dump").toString(), "--version")));
                if (major.isPresent()) {
                    return Optional.of(new ClientTools(dir, major.getAsInt(), pgcopydb));
                }
            }
        }
        return Optional.empty();
    }

    /** The directories of {@code path} in order, then {@code debianDirs}; each once. */
    static List<Path> searchDirectories(String path, List<Path> debianDirs) {
        List<Path> dirs = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                dirs.add(Path.of(entry));
            }
        }
        debianDirs.stream().filter(d -> !dirs.contains(d)).forEach(dirs::add);
        return dirs;
    }

    /** {@code /usr/lib/postgresql/<major>/bin}, newest major first. */
    static List<Path> debianBinDirectories(List<Path> majorDirs) {
        return majorDirs.stream()
                .filter(d -> d.getFileName().toString().matches("\\d+"))
                .sorted(Comparator.comparingInt((Path d) -> Integer.parseInt(d.getFileName().toString())).reversed())
                .map(d -> d.resolve("bin"))
                .toList();
    }

    private static List<Path> debianBinDirectories() {
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return List.of();
        }
        try (Stream<Path> majors = Files.list(DEBIAN_ROOT)) {
            return debianBinDirectories(majors.toList());
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    /** The major version in {@code pg_dump --version} output ({@code pg_dump (PostgreSQL) 15.18 (Debian ...)}); 9.6 is 9. */
    static OptionalInt majorOf(String versionOutput) {
        Matcher m = VERSION.matcher(versionOutput);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
