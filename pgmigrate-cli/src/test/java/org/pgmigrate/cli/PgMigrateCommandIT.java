package org.pgmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;

/** The command line against real servers and the real engine. */
class PgMigrateCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Distinctive, so that finding it in any output can only mean it leaked. */
    private static final String SECRET = "Pw-7f3c9e1b-never-print";

    private static PostgresServer sourceServer;
    private static PostgresServer targetServer;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServers() {
        sourceServer = PostgresServer.start(17);
        targetServer = PostgresServer.start(17);
    }

    @AfterAll
    static void stopServers() {
        if (sourceServer != null) {
            sourceServer.close();
        }
        if (targetServer != null) {
            targetServer.close();
        }
    }

    private static TestDatabase smallShop() {
        TestDatabase db = sourceServer.createDatabase();
        db.execute(String.join("\n",
                "CREATE TABLE customer (id int PRIMARY KEY, name text NOT NULL);",
                "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,",
                "    customer_id int NOT NULL REFERENCES customer, total numeric(10,2), note text);",
                "INSERT INTO customer VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Zoë \"quoted\"');",
                "INSERT INTO orders (customer_id, total, note)",
                "    SELECT 1 + g % 3, g * 1.25, 'order ' || g FROM generate_series(1, 250) g;"));
        return db;
    }

    /** The URI with a password added; the superuser is trusted on loopback, so it connects all the same. */
    private static String withPassword(String uri, String user, String password) {
        return uri.replace("//" + user + "@", "//" + user + ":" + password + "@");
    }

    @Test
    void migratesAndReports() throws Exception {
        try (TestDatabase source = smallShop(); TestDatabase target = targetServer.createDatabase()) {
            Path report = dir.resolve("report.json");

            CommandRun run = CommandRun.runPublic("migrate",
                    "--source", withPassword(sourceServer.uri("postgres", source.name()), "postgres", SECRET),
                    "--target", targetServer.uri("postgres", target.name()),
                    "--jobs", "2", "--report", report.toString());

            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(target.queryValue("SELECT count(*) FROM customer")).isEqualTo("3");
            assertThat(target.queryValue("SELECT count(*) FROM orders")).isEqualTo("250");
            assertThat(target.queryValue("SELECT sum(total) FROM orders")).isEqualTo(source.queryValue("SELECT sum(total) FROM orders"));
            assertThat(target.queryValue("SELECT name FROM customer WHERE id = 3")).isEqualTo("Zoë \"quoted\"");

            assertThat(run.out).contains("public.customer: 3 rows").contains("public.orders: 250 rows")
                    .contains("2 tables, 253 rows").contains("Report written to " + report);
            String json = Files.readString(report);
            assertThat(run.out + run.err + json).doesNotContain(SECRET);

            JsonNode r = JSON.readTree(json);
            assertThat(ResultJsonTest.fieldNames(r)).containsExactly("migrationId", "mode", "completed", "startedAt",
                    "durationMillis", "source", "target", "phases", "tables", "options", "totals", "objects", "warnings", "timeline", "lag",
                    "verification", "roles");
            assertThat(r.get("completed").asBoolean()).isTrue();
            assertThat(r.get("verification").get("equal").asBoolean()).isTrue();
            assertThat(r.get("mode").asText()).isEqualTo("OFFLINE");
            assertThat(r.get("migrationId").asText()).isNotBlank();
            assertThat(Instant.parse(r.get("startedAt").asText())).isBefore(Instant.now());
            assertThat(r.get("source").get("majorVersion").asInt()).isEqualTo(17);
            assertThat(r.get("source").get("versionNumber").asInt()).isEqualTo(sourceServer.versionNumber());
            assertThat(r.get("source").get("database").asText()).isEqualTo(source.name());
            // only autovacuum can have grown the source since (by a free space or visibility map)
            assertThat(r.get("source").get("databaseBytes").asLong()).isPositive()
                    .isLessThanOrEqualTo(Long.parseLong(source.queryValue("SELECT pg_database_size(current_database())")));
            assertThat(r.get("target").get("database").asText()).isEqualTo(target.name());
            assertThat(r.get("phases")).isNotEmpty();
            assertThat(r.get("totals").get("rows").asLong()).isEqualTo(253);
            assertThat(r.get("totals").get("tables").asInt()).isEqualTo(2);
            assertThat(r.get("totals").get("bytes").asLong()).isPositive();
            assertThat(r.get("tables").findValuesAsText("name")).containsExactlyInAnyOrder("customer", "orders");
            for (JsonNode table : r.get("tables")) {
                assertThat(table.get("schema").asText()).isEqualTo("public");
                assertThat(table.get("rows").asLong()).isEqualTo(table.get("name").asText().equals("orders") ? 250 : 3);
            }
            assertThat(r.get("objects").get("table").asInt()).isEqualTo(2);
        }
    }

    @Test
    void aStatusPageIsServedOnLoopbackWhileTheCommandRunsAndStopsWithIt() throws Exception {
        try (TestDatabase source = smallShop(); TestDatabase target = targetServer.createDatabase()) {
            CommandRun run = CommandRun.runPublic("migrate", "--source", sourceServer.uri("postgres", source.name()),
                    "--target", targetServer.uri("postgres", target.name()), "--status-port", "0");

            assertThat(run.exitCode).as(run.toString()).isZero();
            Matcher printed = Pattern.compile("Status page: (http://127\\.0\\.0\\.1:\\d+/) \\(JSON: \\1status\\.json\\)")
                    .matcher(run.out);
            assertThat(printed.find()).as(run.out).isTrue();
            URI page = URI.create(printed.group(1));
            try (Socket s = new Socket()) {
                assertThatThrownBy(() -> s.connect(new InetSocketAddress(page.getHost(), page.getPort()), 2_000))
                        .isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void aDryRunPrintsThePlanExitsZeroAndLeavesTheTargetEmpty() {
        try (TestDatabase source = smallShop(); TestDatabase target = targetServer.createDatabase()) {
            source.execute("CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100; ANALYZE");

            CommandRun run = CommandRun.runPublic("migrate",
                    "--source", sourceServer.uri("postgres", source.name()), "--target", targetServer.uri("postgres", target.name()),
                    "--exclude-table-data", "orders", "--exclude-table", "public.customer", "--dry-run");

            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.out).contains("Dry run for database " + source.name() + ": nothing was changed.")
                    .containsPattern("public\\.orders +[0-9.]+ KiB +~250 rows +\\(structure only, rows excluded\\)")
                    .contains("Excluded:\n  table public.customer\n  rows of table public.orders")
                    .contains("foreign key orders_customer_id_fkey on public.orders depends on excluded table public.customer");
            assertThat(target.queryValue("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = 'public'")).isEqualTo("0");
        }
    }

    @Test
    void unreachableTargetExitsOneNamingTheServer() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // free once closed: nothing listens there
        }
        try (TestDatabase source = smallShop()) {
            Path report = dir.resolve("unreachable.json");

            CommandRun run = CommandRun.runPublic("migrate",
                    "--source", sourceServer.uri("postgres", source.name()),
                    "--target", "postgresql://postgres:" + SECRET + "@localhost:" + closedPort + "/shop",
                    "--report", report.toString());

            assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
            assertThat(run.err).as(run.toString()).startsWith("pgmigrate: ").contains(String.valueOf(closedPort)).hasLineCount(1);
            assertThat(run.out + run.err).doesNotContain(SECRET);
            JsonNode r = JSON.readTree(report.toFile());
            assertThat(r.get("completed").asBoolean(true)).isFalse();
            assertThat(r.get("error").get("kind").asText()).isEqualTo("CONNECTION_FAILED");
            assertThat(Files.readString(report)).doesNotContain(SECRET);
        }
    }

    @Test
    void wrongPasswordExitsOneAndNeverShowsThePassword() throws Exception {
        sourceServer.execute("postgres", "DO $$ BEGIN CREATE ROLE app LOGIN PASSWORD 'right'; "
                + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        try (TestDatabase source = smallShop(); TestDatabase target = targetServer.createDatabase()) {
            Path report = dir.resolve("refused.json");
            String sourceUrl = withPassword(sourceServer.uri("app", source.name()), "app", SECRET);

            CommandRun quiet = CommandRun.runPublic("migrate", "--source", sourceUrl,
                    "--target", targetServer.uri("postgres", target.name()), "--report", report.toString());
            CommandRun verbose = CommandRun.runPublic("migrate", "--source", sourceUrl,
                    "--target", targetServer.uri("postgres", target.name()), "--verbose");

            assertThat(quiet.exitCode).as(quiet.toString()).isEqualTo(1);
            assertThat(quiet.err).as(quiet.toString()).startsWith("pgmigrate: ").hasLineCount(1)
                    .containsIgnoringCase("password").contains("app");
            assertThat(verbose.exitCode).isEqualTo(1);
            assertThat(verbose.err).contains("\tat ");
            assertThat(quiet.out + quiet.err + verbose.out + verbose.err + Files.readString(report)).doesNotContain(SECRET);
            JsonNode r = JSON.readTree(report.toFile());
            assertThat(r.get("error").get("kind").asText()).isEqualTo("AUTHENTICATION_FAILED");
            assertThat(target.queryValue("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"))
                    .as("the target is untouched").isEqualTo("0");
        }
    }

    @Test
    void malformedUrlExitsTwo() throws IOException {
        CommandRun run = CommandRun.runPublic("migrate",
                "--source", "postgresql:/postgres:" + SECRET + "@localhost:" + sourceServer.port() + "/x",
                "--target", targetServer.uri("postgres", "x"));

        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(run.err).startsWith("pgmigrate: --source: Unsupported connection URL")
                .endsWith("(see 'pgmigrate migrate --help')" + System.lineSeparator());
        assertThat(run.out + run.err).doesNotContain(SECRET);
    }
}
