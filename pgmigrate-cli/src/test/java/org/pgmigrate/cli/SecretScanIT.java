package org.pgmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pgmigrate.Endpoint;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.Phase;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.TableProgress;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * Runs migrate, verify, validate and failing runs with a password no output could contain by
 * chance, then scans everything a user or a log collector could see for it: the command line's
 * standard output and error in a separate JVM (with every pgmigrate logger at TRACE and pgjdbc's
 * at FINEST), the JSON reports, exception messages and stack traces, results' toString and the
 * names of the threads alive during a run.
 */
@ExtendWith(PostgresExtension.class)
class SecretScanIT {
    /** The role's password: a value that can only appear in output by leaking. */
    private static final String MARKER = "pw-" + UUID.randomUUID();
    /** A second role whose password is written inside the URL, the form most likely to be printed whole. */
    private static final String URL_MARKER = "pw-" + UUID.randomUUID();
    private static final String ROLE = "scan_role";
    private static final String URL_ROLE = "scan_url_role";

    @TempDir
    Path dir;

    /** The two roles on both servers (servers of their own instances, so no other test sees these roles), with this run's passwords. */
    private static void createRoles(PostgresServer... servers) {
        for (PostgresServer server : servers) {
            for (String[] role : new String[][] {{ROLE, MARKER}, {URL_ROLE, URL_MARKER}}) {
                server.execute("postgres", "DO $$ BEGIN CREATE ROLE " + role[0] + " LOGIN SUPERUSER;"
                        + " EXCEPTION WHEN duplicate_object THEN NULL; END $$; ALTER ROLE " + role[0] + " PASSWORD '" + role[1] + "'");
            }
        }
    }

    private static TestDatabase withRows(TestDatabase db) {
        db.execute("CREATE TABLE item (id int PRIMARY KEY, name text); INSERT INTO item SELECT g, 'item ' || g FROM generate_series(1, 500) g;"
                + " CREATE INDEX item_name ON item (name)");
        return db;
    }

    @Test
    void commandLineOutputLogsAndReportsNeverShowThePassword(@Pg(instance = "secret-scan-source") TestDatabase sourceDatabase,
                                                            @Pg(instance = "secret-scan-target") PostgresServer targetServer) throws Exception {
        PostgresServer sourceServer = sourceDatabase.server();
        createRoles(sourceServer, targetServer);
        Path passwordFile = Files.writeString(dir.resolve("target.pw"), MARKER + "\n");
        List<String> seen = new ArrayList<>();
        try (TestDatabase source = withRows(sourceDatabase); TestDatabase target = targetServer.createDatabase();
             TestDatabase urlTarget = targetServer.createDatabase()) {
            String sourceUri = sourceServer.uri(ROLE, source.name());
            String targetUri = targetServer.uri(ROLE, target.name());
            String[] endpoints = {"--source", sourceUri, "--target", targetUri, "--target-password-file", passwordFile.toString()};

            java.util.Map<String, String> sourcePassword = java.util.Map.of("PGMIGRATE_SOURCE_PASSWORD", MARKER);
            seen.add(runCli(sourcePassword, concat(new String[] {"validate", "--report", dir.resolve("validate.json").toString()}, endpoints), 0));
            seen.add(runCli(sourcePassword, concat(new String[] {"migrate", "--verbose", "--validate", "--jobs", "2",
                    "--report", dir.resolve("migrate.json").toString()}, endpoints), 0));
            seen.add(runCli(sourcePassword, concat(new String[] {"verify", "--report", dir.resolve("verify.json").toString()}, endpoints), 0));
            // no password given: the source's from ?passfile= (pgmigrate's reader), the target's from PGPASSFILE (pgjdbc's)
            Path pgpass = Files.writeString(dir.resolve("pgpass"), "*:*:*:" + ROLE + ":" + MARKER + "\n");
            seen.add(runCli(java.util.Map.of("PGPASSFILE", pgpass.toString()), new String[] {"verify",
                    "--source", sourceUri + "?passfile=" + pgpass, "--target", targetUri}, 0));
            seen.add(runCli(sourcePassword, new String[] {"migrate", "--verbose", "--source", sourceUri,
                    "--target", targetServer.uri(ROLE, "no_such_database"), "--target-password-file", passwordFile.toString(),
                    "--report", dir.resolve("failed.json").toString()}, 1));
            // the password inside the URL, on both sides, and a failure with it
            String urlSource = sourceServer.uri(URL_ROLE, source.name()).replace(URL_ROLE + "@", URL_ROLE + ":" + URL_MARKER + "@");
            String urlTargetUri = targetServer.uri(URL_ROLE, urlTarget.name()).replace(URL_ROLE + "@", URL_ROLE + ":" + URL_MARKER + "@");
            seen.add(runCli(new String[] {"migrate", "--verbose", "--source", urlSource, "--target", urlTargetUri,
                    "--report", dir.resolve("url.json").toString()}, 0));
            seen.add(runCli(new String[] {"migrate", "--verbose", "--source", urlSource,
                    "--target", urlTargetUri.replace(urlTarget.name(), "no_such_database"),
                    "--report", dir.resolve("url-failed.json").toString()}, 1));
            seen.add(runCli(new String[] {"migrate", "--source", urlSource, "--target", urlSource.replace("/" + source.name(), ":0/x")}, 2));

            assertThat(target.queryValue("SELECT count(*) FROM item")).as("the runs did their work").isEqualTo("500");
            assertThat(urlTarget.queryValue("SELECT count(*) FROM item")).isEqualTo("500");
        }
        for (String report : List.of("validate", "migrate", "verify", "failed", "url", "url-failed")) {
            seen.add(Files.readString(dir.resolve(report + ".json")));
        }
        String everything = String.join("\n", seen);
        assertThat(everything).as("the scan saw the logs, the driver's too").contains("DEBUG").contains("org.postgresql").contains(ROLE);
        assertThat(everything).doesNotContain(MARKER).doesNotContain(URL_MARKER);
    }

    @Test
    void exceptionsResultsAndThreadNamesNeverShowThePassword(@Pg(instance = "secret-scan-source") TestDatabase sourceDatabase,
                                                            @Pg(instance = "secret-scan-target") PostgresServer targetServer) {
        PostgresServer sourceServer = sourceDatabase.server();
        createRoles(sourceServer, targetServer);
        Set<String> threadNames = ConcurrentHashMap.newKeySet();
        MigrationListener threadWatcher = new MigrationListener() {
            @Override
            public void phaseStarted(Phase phase) {
                Thread.getAllStackTraces().keySet().forEach(t -> threadNames.add(t.getName()));
            }

            @Override
            public void tableProgress(TableProgress progress) {
                Thread.getAllStackTraces().keySet().forEach(t -> threadNames.add(t.getName()));
            }
        };
        List<String> seen = new ArrayList<>();
        try (TestDatabase source = withRows(sourceDatabase); TestDatabase target = targetServer.createDatabase()) {
            Endpoint from = Endpoint.of(sourceServer.uri(ROLE, source.name()), MARKER);
            Endpoint to = Endpoint.of(targetServer.uri(URL_ROLE, target.name()).replace("@", ":" + URL_MARKER + "@"));

            MigrationResult result = Migration.from(from).to(to).jobs(2).listener(threadWatcher).execute();
            seen.add(result.toString());
            seen.add(Migration.from(from).to(to).verify().toString());
            seen.add(Migration.from(from).to(to).validate().toString());
            seen.add(Migration.from(from).to(to).validate().toText());
            seen.add(from.toString() + to + from.withDatabase("x") + Migration.from(from).to(to).request());

            seen.add(failure(() -> Migration.from(from).to(to.withDatabase("no_such_database")).execute()));
            seen.add(failure(() -> Migration.from(from).to(to).execute())); // the target is no longer empty
            seen.add(failure(() -> Migration.from(Endpoint.of(sourceServer.uri(URL_ROLE, source.name()), MARKER)).to(to).execute()));
        }
        seen.addAll(threadNames);
        assertThat(threadNames).as("threads were seen while the copy ran").isNotEmpty();
        assertThat(String.join("\n", seen)).contains("no_such_database").containsIgnoringCase("password authentication failed")
                .doesNotContain(MARKER).doesNotContain(URL_MARKER);
    }

    /** Message, toString and the full stack trace with causes of what {@code run} throws. */
    private static String failure(Runnable run) {
        try {
            run.run();
        } catch (PgMigrateException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return e.getMessage() + "\n" + e + "\n" + trace;
        }
        throw new AssertionError("expected a failure");
    }

    /**
     * Runs the command line in a JVM of its own, so that everything it prints (logs included) is
     * captured, and returns that output after checking the exit code.
     */
    private String runCli(String[] args, int expectedExit) throws IOException, InterruptedException {
        return runCli(java.util.Map.of(), args, expectedExit);
    }

    private String runCli(java.util.Map<String, String> environment, String[] args, int expectedExit) throws IOException, InterruptedException {
        Path julConfig = Files.writeString(dir.resolve("logging.properties"), String.join("\n",
                "handlers=java.util.logging.ConsoleHandler", "java.util.logging.ConsoleHandler.level=ALL",
                "org.postgresql.level=FINEST", ""));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
                "-Djava.util.logging.config.file=" + julConfig,
                PgMigrateCommand.class.getName()));
        command.addAll(List.of(args));
        Path output = dir.resolve("cli-output.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the command line finished").isTrue();
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join(" ", args) + "\n" + text).isEqualTo(expectedExit);
        return text;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
