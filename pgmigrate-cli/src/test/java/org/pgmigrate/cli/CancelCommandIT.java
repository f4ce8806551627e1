package org.pgmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * Ctrl-C during {@code pgmigrate migrate}: the command runs in a JVM of its own, which gets SIGTERM
 * (what {@link Process#destroy()} sends; the JVM runs its shutdown hooks as on Ctrl-C's SIGINT).
 */
@ExtendWith(PostgresExtension.class)
class CancelCommandIT {
    @TempDir
    Path dir;

    @Test
    void sigtermCancelsAnOfflineMigrationWithinSecondsAndSaysHowToResume(@Pg(instance = "source") TestDatabase source,
                                                                         @Pg(instance = "target") TestDatabase target) throws Exception {
        // 10 MB at 200 kB/s: about 50 s unless cancelled
        source.execute("CREATE TABLE public.big (id int PRIMARY KEY, v text);"
                + " INSERT INTO public.big SELECT i, repeat(md5(i::text), 3) FROM generate_series(1, 100000) i");
        Path output = dir.resolve("cli-output.txt");
        Path report = dir.resolve("report.json");
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                PgMigrateCommand.class.getName(), "migrate",
                "--source", uri(source), "--target", uri(target),
                "--jobs", "2", "--max-source-rate", "200kB", "--report", report.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            awaitCopying(process, output, target);
            long start = System.nanoTime();

            process.destroy();

            boolean ended = process.waitFor(20, TimeUnit.SECONDS);
            assertThat(ended).as("the command ended\n%s%s", read(output), ended ? "" : threads(process)).isTrue();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String text = read(output);
            assertThat(took).as("exiting took %s\n%s", took, text).isLessThan(Duration.ofSeconds(10));
            assertThat(text).contains("was cancelled", "run the same command again with --resume");
            assertThat(process.exitValue()).as(text).isNotZero();
            JsonNode json = new ObjectMapper().readTree(report.toFile());
            assertThat(json.get("completed").asBoolean()).isFalse();
            assertThat(json.get("error").get("kind").asText()).isEqualTo("CANCELLED");
            assertThat(migrationSessions(source)).as("pgmigrate sessions on the source").isEmpty();
            assertThat(migrationSessions(target)).as("pgmigrate sessions on the target").isEmpty();
            assertThat(target.queryValue("SELECT count(*) FROM public.big")).isEqualTo("0");
        } finally {
            process.destroyForcibly();
        }
    }

    private static String uri(TestDatabase db) {
        return db.server().uri(PostgresServer.SUPERUSER, db.name());
    }

    /** Waits until the command copies: its DATA phase started and its COPY runs on the target. */
    private static void awaitCopying(Process process, Path output, TestDatabase target) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the command ended early:\n" + read(output));
            }
            if (read(output).contains("DATA started") && !target.queryColumn("SELECT pid FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND application_name LIKE 'pgmigrate%' AND query LIKE 'COPY %'").isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the command did not start copying:\n" + read(output));
    }

    /** The pgmigrate sessions connected to {@code db}, once the server has ended those whose socket closed (2 s at most). */
    private static List<String> migrationSessions(TestDatabase db) throws InterruptedException {
        String sql = "SELECT pid || ' ' || state || ': ' || left(query, 80) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND application_name LIKE 'pgmigrate%'";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        List<String> sessions = db.queryColumn(sql);
        while (!sessions.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            sessions = db.queryColumn(sql);
        }
        return sessions;
    }

    /** The thread dump of a command that did not end, for the failure message. */
    private static String threads(Process process) throws Exception {
        Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
        if (!Files.isExecutable(jstack)) {
            return "";
        }
        Process dump = new ProcessBuilder(jstack.toString(), String.valueOf(process.pid())).redirectErrorStream(true).start();
        String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        dump.waitFor(30, TimeUnit.SECONDS);
        return "\nIts threads:\n" + text;
    }

    private static String read(Path output) throws java.io.IOException {
        return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    }
}
