package org.pgmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar the build makes ({@code target/pgmigrate.jar}): it runs on its own, and carries
 * neither the testkit nor PostgreSQL binaries (which made it over 90 MB when the demo lived in it).
 */
class PgMigrateJarIT {
    private static final Path JAR = Path.of(System.getProperty("pgmigrate.cli.jar", "target/pgmigrate.jar"));

    @Test
    void holdsNoTestkitAndNoPostgresBinaries() throws IOException {
        assertThat(JAR).isRegularFile();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("org/pgmigrate/cli/PgMigrateCommand.class", "picocli/CommandLine.class",
                    "com/fasterxml/jackson/databind/ObjectMapper.class");
            assertThat(names).noneMatch(n -> n.startsWith("org/pgmigrate/testkit/"))
                    .noneMatch(n -> n.startsWith("io/zonky/"))
                    .noneMatch(n -> n.endsWith(".txz") || n.endsWith(".tar.xz"))
                    .noneMatch(n -> n.startsWith("org/junit/") || n.startsWith("org/assertj/"));
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(PgMigrateCommand.class.getName());
        }
        assertThat(Files.size(JAR)).as("bytes").isLessThan(15L << 20);
    }

    @Test
    void runsWithNothingButTheJar() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-jar", JAR.toString(), "--version")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).startsWith("pgmigrate ");
    }
}
