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

/** {@code migrate} verifies by default and {@code verify} compares on request, with exit code 4 for differences. */
@ExtendWith(PostgresExtension.class)
class VerifyCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String uri(TestDatabase db) {
        return db.server().uri("postgres", db.name());
    }

    @Test
    void migrateReportsTheVerificationAndVerifyFindsALaterChange(@Pg(instance = "source") TestDatabase source,
                                                                  @Pg(instance = "target") TestDatabase target) throws Exception {
        source.execute("CREATE TABLE parts (id int PRIMARY KEY, label text); INSERT INTO parts SELECT g, 'p' || g FROM generate_series(1, 300) g");
        Path migrateReport = dir.resolve("migrate.json");
        CommandRun migrate = CommandRun.runPublic("migrate", "--source", uri(source), "--target", uri(target), "--report", migrateReport.toString());
        assertThat(migrate.exitCode).as(migrate.toString()).isZero();
        assertThat(migrate.out).contains("Verification: target equals source (1 table compared");
        JsonNode options = JSON.readTree(migrateReport.toFile()).get("options");
        assertThat(options.get("copyFormat").asText()).isEqualTo("AUTO");
        assertThat(options.get("verification").asText()).isEqualTo("FAIL_ON_DIFFERENCE");
        JsonNode verification = JSON.readTree(migrateReport.toFile()).get("verification");
        assertThat(verification.get("equal").asBoolean()).isTrue();
        assertThat(verification.get("tables").get(0).get("sourceRows").asLong()).isEqualTo(300);

        CommandRun equal = CommandRun.runPublic("verify", "--source", uri(source), "--target", uri(target));
        assertThat(equal.exitCode).as(equal.toString()).isZero();
        assertThat(equal.out).contains("Equal: 1 tables");

        target.execute("DELETE FROM parts WHERE id = 150");
        Path verifyReport = dir.resolve("verify.json");
        CommandRun different = CommandRun.runPublic("verify", "--source", uri(source), "--target", uri(target), "--report", verifyReport.toString());
        assertThat(different.exitCode).as(different.toString()).isEqualTo(4);
        assertThat(different.out).contains("TABLE_DATA  public.parts: 300 rows on the source, 299 on the target");
        JsonNode report = JSON.readTree(verifyReport.toFile());
        assertThat(report.get("equal").asBoolean()).isFalse();
        assertThat(report.get("differences").get(0).get("object").asText()).isEqualTo("public.parts");
    }

    @Test
    void verifyThatCannotConnectExitsOne(@Pg(instance = "target") TestDatabase target) {
        CommandRun run = CommandRun.runPublic("verify", "--source", target.server().uri("postgres", "no_such_database"), "--target", uri(target));
        assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
        assertThat(run.err).contains("does not exist");
    }
}
