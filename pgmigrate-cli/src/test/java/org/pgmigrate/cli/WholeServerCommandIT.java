package org.pgmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmigrate.testkit.PostgresServer;

/** {@code migrate --databases ...}: several databases of a server, with their roles. */
class WholeServerCommandIT {
    @TempDir
    Path dir;

    @Test
    void migratesTheSelectedDatabasesAndTheirRolesAndReportsEach() throws Exception {
        try (PostgresServer source = PostgresServer.start(17); PostgresServer target = PostgresServer.start(17)) {
            source.execute("postgres", "CREATE ROLE shop_owner LOGIN PASSWORD 'owner-pw'");
            source.execute("postgres", "CREATE DATABASE shop OWNER shop_owner");
            source.execute("postgres", "CREATE DATABASE scratch");
            source.execute("shop", "CREATE TABLE items (id int PRIMARY KEY); INSERT INTO items SELECT generate_series(1, 10);"
                    + " ALTER TABLE items OWNER TO shop_owner");
            Path report = dir.resolve("server.json");
            String serverUrl = "postgresql://postgres@localhost:";

            CommandRun run = CommandRun.runPublic("migrate", "--source", serverUrl + source.port(), "--target", serverUrl + target.port(),
                    "--databases", "all", "--exclude-databases", "scratch", "--roles", "needed", "--report", report.toString());

            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(names(target, "SELECT datname FROM pg_database")).contains("shop").doesNotContain("scratch");
            assertThat(names(target, "SELECT rolname FROM pg_roles")).contains("shop_owner");
            assertThat(run.out).contains("Databases").contains("shop").contains("Roles: 1 created");
            JsonNode json = new ObjectMapper().readTree(report.toFile());
            assertThat(json.get("completed").asBoolean()).isTrue();
            assertThat(json.get("roles").get("created").toString()).isEqualTo("[\"shop_owner\"]");
            List<String> databases = new ArrayList<>();
            json.get("databases").forEach(d -> databases.add(d.get("target").get("database").asText()));
            assertThat(databases).containsExactly("postgres", "shop");
            assertThat(json.get("databases").get(1).get("totals").get("rows").asLong()).isEqualTo(10);
        }
    }

    @Test
    void aDryRunOfTheServerPrintsRolesDatabasesAndTablesAndChangesNothing() throws Exception {
        try (PostgresServer source = PostgresServer.start(17); PostgresServer target = PostgresServer.start(17)) {
            source.execute("postgres", "CREATE ROLE shop_owner LOGIN");
            source.execute("postgres", "CREATE DATABASE shop OWNER shop_owner");
            source.execute("shop", "CREATE TABLE items (id int PRIMARY KEY); INSERT INTO items SELECT generate_series(1, 10)");
            String serverUrl = "postgresql://postgres@localhost:";

            CommandRun run = CommandRun.runPublic("migrate", "--source", serverUrl + source.port(), "--target", serverUrl + target.port(),
                    "--databases", "all", "--dry-run");

            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.out).contains("Roles to create: shop_owner").contains("Databases to create: shop")
                    .contains("Dry run for database shop").contains("public.items");
            assertThat(names(target, "SELECT datname FROM pg_database")).doesNotContain("shop");
            assertThat(names(target, "SELECT rolname FROM pg_roles")).doesNotContain("shop_owner");
        }
    }

    @Test
    void excludingDatabasesNeedsAllDatabases() {
        CommandRun run = CommandRun.runPublic("migrate", "--source", "postgresql://h/a", "--target", "postgresql://h/b",
                "--exclude-databases", "x");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--exclude-databases only applies with --databases all");
    }

    private static List<String> names(PostgresServer server, String sql) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
