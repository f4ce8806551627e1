package org.pgmigrate.testkit.internal;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A physical standby of a running embedded server, made without pg_basebackup (zonky's binaries
 * have none): a physical slot on the primary that keeps the WAL from before the backup, the
 * low-level backup API around a file copy of the data directory, then {@code standby.signal}
 * and the settings that stream from that slot. On 17 and newer the standby also synchronizes the
 * primary's failover slots ({@code sync_replication_slots}), and the primary's logical walsenders
 * send nothing the standby has not received ({@code synchronized_standby_slots}), so a logical
 * slot survives a failover to it.
 */
final class PhysicalStandby {
    /** What pg_basebackup leaves out: files of the running server, and contents it rebuilds or must not share. */
    private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock", "backup_label",
            "tablespace_map", "pg_internal.init", "standby.signal", "recovery.signal");
    private static final Set<String> EMPTIED_DIRECTORIES = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial",
            "pg_snapshots", "pg_stat_tmp", "pg_subtrans");

    private PhysicalStandby() {}

    static EmbeddedServer start(EmbeddedServer primary) {
        if (primary.major() < 15) {
            throw new UnsupportedOperationException("A standby needs PostgreSQL 15 or newer (pg_backup_start); this server is "
                    + primary.major());
        }
        String slot = "standby_" + primary.port();
        Path copy;
        try (Connection c = primary.connect("postgres")) {
            Path data = Path.of(value(c, "SELECT current_setting('data_directory')"));
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_create_physical_replication_slot(?, true)")) {
                ps.setString(1, slot);
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_backup_start(?, true)")) {
                ps.setString(1, slot);
                ps.execute();
            }
            copy = Files.createTempDirectory("pgmigrate-standby");
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
            copyDataDirectory(data, copy);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(false)")) {
                rs.next();
                Files.writeString(copy.resolve("backup_label"), rs.getString(1));
                if (rs.getString(2) != null && !rs.getString(2).isEmpty()) {
                    Files.writeString(copy.resolve("tablespace_map"), rs.getString(2));
                }
            }
            Files.createFile(copy.resolve("standby.signal"));
            Files.writeString(copy.resolve("postgresql.auto.conf"), standbySettings(primary, slot), StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take a base backup of " + primary.port() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedServer standby = primary.startOn(copy);
        if (primary.major() >= 17) {
            try (Connection c = primary.connect("postgres"); Statement s = c.createStatement()) {
                s.execute("ALTER SYSTEM SET synchronized_standby_slots = " + literal(slot));
                s.execute("SELECT pg_reload_conf()");
            } catch (SQLException e) {
                standby.close();
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return standby;
    }

    /**
     * Streams from the slot; slot sync needs hot_standby_feedback and a database in the
     * connection string. The standby names no slots of its own for its logical walsenders, as
     * it will have none once promoted.
     */
    private static String standbySettings(EmbeddedServer primary, String slot) {
        List<String> lines = new ArrayList<>(List.of(
                "primary_conninfo = " + literal("host=" + primary.host() + " port=" + primary.port()
                        + " user=postgres dbname=postgres application_name=" + slot),
                "primary_slot_name = " + literal(slot),
                "hot_standby = on",
                "hot_standby_feedback = on"));
        if (primary.major() >= 17) {
            lines.add("sync_replication_slots = on");
            lines.add("synchronized_standby_slots = ''");
        }
        return "\n" + String.join("\n", lines) + "\n";
    }

    /** The file copy, taken between pg_backup_start and pg_backup_stop: files may change or vanish meanwhile. */
    private static void copyDataDirectory(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path relative = from.relativize(dir);
                Files.createDirectories(to.resolve(relative.toString()));
                // pg_wal keeps its subdirectories (archive_status, summaries), the others nothing
                boolean emptied = relative.getNameCount() >= 1 && EMPTIED_DIRECTORIES.contains(relative.getName(0).toString());
                return emptied && !relative.startsWith("pg_wal") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path relative = from.relativize(file);
                String name = file.getFileName().toString();
                if (SKIPPED_FILES.contains(name) || name.startsWith("pgsql_tmp") || relative.startsWith("pg_wal")) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, to.resolve(relative.toString()), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (NoSuchFileException vanished) {
                    // dropped while copying: the WAL replay drops it on the standby too
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    /** Promotes the standby behind {@code c}, returning once it accepts writes. */
    static void promote(Connection c) throws SQLException {
        if (!"t".equals(value(c, "SELECT pg_promote(true, 60)"))) {
            throw new IllegalStateException("The standby was not promoted within 60 s");
        }
    }

    static void stopImmediately(EmbeddedServer server) {
        String pgCtl;
        String data;
        try (Connection c = server.connect("postgres")) {
            pgCtl = Path.of(value(c, "SELECT setting FROM pg_config WHERE name = 'BINDIR'"), "pg_ctl").toString();
            data = value(c, "SELECT current_setting('data_directory')");
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        try {
            List<String> command = new ArrayList<>();
            if (LinuxUtils.isUnshareAvailable()) {
                // as zonky starts it: pg_ctl refuses to run as root, and in a user namespace of its own it is not
                command.addAll(List.of("unshare", "-U"));
            }
            command.addAll(List.of(pgCtl, "-D", data, "-m", "immediate", "-w", "stop"));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl stop -m immediate failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String value(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A single-quoted literal, for postgresql.auto.conf and ALTER SYSTEM alike. */
    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
