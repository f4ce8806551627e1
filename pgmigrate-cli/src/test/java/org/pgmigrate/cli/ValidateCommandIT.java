package org.pgmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** {@code pgmigrate validate} and {@code migrate --validate} against real servers and the real engine. */
@ExtendWith(PostgresExtension.class)
class ValidateCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "Pw-validate-3b1e-never-print";

    @TempDir
    Path dir;

    private static String uri(TestDatabase db) {
        return db.server().uri("postgres", db.name());
    }

    @Test
    void aMigratablePairExitsZeroAndTheReportSaysSo(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target)
            throws Exception {
        source.execute("CREATE TABLE public.orders (id int PRIMARY KEY)");
        Path report = dir.resolve("checks.json");

        CommandRun run = CommandRun.runPublic("validate", "--source", uri(source), "--target", uri(target), "--report", report.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("Validation SUCCEEDED");
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(json.get("target").get("database").asText()).isEqualTo(target.name());
        assertThat(json.get("findings").size()).isGreaterThan(40);
    }

    @Test
    void aProblemExitsThreeAndNamesIt(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) throws Exception {
        target.execute("CREATE TABLE public.leftover (id int)");
        Path report = dir.resolve("checks.json");

        CommandRun run = CommandRun.runPublic("validate", "--source", uri(source), "--target", uri(target), "--mode", "online",
                "--report", report.toString());

        assertThat(run.exitCode).as(run.toString()).isEqualTo(3);
        assertThat(run.out).contains("FAILED     target-database-empty", "table public.leftover", "FAILED     wal-level-logical");
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(json.get("mode").asText()).isEqualTo("ONLINE");
    }

    @Test
    void rejectedCredentialsAreAFindingAndThePasswordIsNeverShown(@Pg(instance = "source") TestDatabase source,
                                                                  @Pg(instance = "target") TestDatabase target) throws Exception {
        target.server().execute("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'val_cli') THEN"
                + " CREATE ROLE val_cli LOGIN PASSWORD 'the-right-one'; END IF; END $$");
        Path report = dir.resolve("checks.json");
        String wrong = "postgresql://val_cli:" + SECRET + "@localhost:" + target.server().port() + "/" + target.name();

        CommandRun run = CommandRun.runPublic("validate", "--source", uri(source), "--target", wrong, "--report", report.toString());

        assertThat(run.exitCode).as(run.toString()).isEqualTo(3);
        assertThat(run.out).contains("credentials-accepted");
        assertThat(run.out + run.err + java.nio.file.Files.readString(report)).doesNotContain(SECRET);
    }

    @Test
    void migrateWithValidateStopsBeforeChangingAnything(@Pg(instance = "source") TestDatabase source,
                                                        @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE public.orders (id int PRIMARY KEY); CREATE SCHEMA pgmigrate; CREATE TABLE pgmigrate.jobs (id int)");

        CommandRun run = CommandRun.runPublic("migrate", "--source", uri(source), "--target", uri(target), "--validate", "--jobs", "2");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(3);
        assertThat(run.out).contains("reserved-schema-names");
        assertThat(target.queryColumn("SELECT relname FROM pg_class WHERE relname = 'orders'")).isEmpty();
    }

    @Test
    void migrateWithValidateMigratesWhenNothingFails(@Pg(instance = "source") TestDatabase source,
                                                     @Pg(instance = "target") TestDatabase target) throws Exception {
        source.execute("CREATE TABLE public.orders (id int PRIMARY KEY); INSERT INTO public.orders VALUES (1), (2)");
        Path report = dir.resolve("migration.json");

        CommandRun run = CommandRun.runPublic("migrate", "--source", uri(source), "--target", uri(target), "--validate", "--jobs", "2",
                "--report", report.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(target.queryValue("SELECT count(*) FROM public.orders")).isEqualTo("2");
        assertThat(JSON.readTree(report.toFile()).get("validation").get("outcome").asText()).isEqualTo("SUCCEEDED");
    }
}
