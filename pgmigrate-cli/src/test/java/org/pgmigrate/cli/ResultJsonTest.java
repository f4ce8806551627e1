package org.pgmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.ServerInfo;
import org.pgmigrate.TableVerification;
import org.pgmigrate.VerificationDifference;
import org.pgmigrate.VerificationReport;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.MigrationFailedException;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.cli.console.SampleResults;

class ResultJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void mapsTheVerificationWhenThereIsOne() throws Exception {
        VerificationReport verification = VerificationReport.builder()
                .addTables(TableVerification.builder().schema("public").name("orders").sourceRows(10).targetRows(9).parts(16)
                        .addDifferingRanges("id >= 5 AND id < 6").equal(false).build())
                .addDifferences(VerificationDifference.of(VerificationDifference.Kind.TABLE_DATA, "public.orders", "10 rows on the source, 9 on the target"))
                .addNotes("a note")
                .duration(java.time.Duration.ofMillis(1500)).build();
        JsonNode report = JSON.readTree(ResultJson.of(MigrationResult.builder().from(SampleResults.shop()).verification(verification).build()));

        JsonNode v = report.get("verification");
        assertThat(fieldNames(v)).containsExactly("equal", "durationMillis", "tables", "differences", "notes");
        assertThat(v.get("equal").asBoolean()).isFalse();
        assertThat(v.get("durationMillis").asLong()).isEqualTo(1500);
        JsonNode table = v.get("tables").get(0);
        assertThat(fieldNames(table)).containsExactly("schema", "name", "sourceRows", "targetRows", "parts", "equal", "differingRanges");
        assertThat(table.get("targetRows").asLong()).isEqualTo(9);
        assertThat(table.get("differingRanges").get(0).asText()).isEqualTo("id >= 5 AND id < 6");
        JsonNode difference = v.get("differences").get(0);
        assertThat(difference.get("kind").asText()).isEqualTo("TABLE_DATA");
        assertThat(difference.get("object").asText()).isEqualTo("public.orders");
        assertThat(v.get("notes").get(0).asText()).isEqualTo("a note");
        assertThat(JSON.readTree(ResultJson.of(verification))).isEqualTo(v);
    }

    @Test
    void mapsEveryDocumentedField() throws Exception {
        JsonNode report = JSON.readTree(ResultJson.of(SampleResults.shop()));

        assertThat(fieldNames(report)).containsExactly("migrationId", "mode", "completed", "startedAt",
                "durationMillis", "source", "target", "phases", "tables", "options", "totals", "objects", "warnings", "timeline", "lag");
        assertThat(report.get("options").get("jobs").asInt()).isEqualTo(4);
        assertThat(fieldNames(report.get("totals"))).containsExactly("rows", "bytes", "tables", "rowsPerSecond", "bytesPerSecond");
        assertThat(report.get("migrationId").asText()).isEqualTo("m-42");
        assertThat(report.get("mode").asText()).isEqualTo("OFFLINE");
        assertThat(report.get("completed").asBoolean()).isTrue();
        assertThat(report.get("startedAt").asText()).isEqualTo("2025-01-31T10:15:30.123Z");
        assertThat(report.get("durationMillis").asLong()).isEqualTo(3250);

        JsonNode source = report.get("source");
        assertThat(fieldNames(source)).containsExactly("endpoint", "database", "versionNumber", "majorVersion");
        assertThat(source.get("endpoint").asText()).isEqualTo("localhost:5432");
        assertThat(source.get("database").asText()).isEqualTo("shop");
        assertThat(source.get("versionNumber").asInt()).isEqualTo(160004);
        assertThat(source.get("majorVersion").asInt()).isEqualTo(16);
        assertThat(report.get("target").get("majorVersion").asInt()).isEqualTo(17);
        assertThat(report.get("target").get("endpoint").asText()).isEqualTo("db.example:6543");

        assertThat(report.get("phases")).hasSize(3);
        assertThat(fieldNames(report.get("phases").get(1))).containsExactly("phase", "durationMillis");
        assertThat(report.get("phases").get(1).get("phase").asText()).isEqualTo("DATA");
        assertThat(report.get("phases").get(1).get("durationMillis").asLong()).isEqualTo(2000);

        JsonNode second = report.get("tables").get(1);
        assertThat(fieldNames(second)).containsExactly("schema", "name", "rows", "bytes", "copyMillis", "indexMillis");
        assertThat(second.get("schema").asText()).isEqualTo("Sales");
        assertThat(second.get("name").asText()).isEqualTo("Line \"items\"");
        assertThat(second.get("rows").asLong()).isEqualTo(500);
        assertThat(second.get("bytes").asLong()).isEqualTo(1024 * 1024);
        assertThat(second.get("copyMillis").asLong()).isEqualTo(1500);
        assertThat(second.get("indexMillis").asLong()).isEqualTo(250);

        JsonNode totals = report.get("totals");
        assertThat(totals.get("rows").asLong()).isEqualTo(1500);
        // 1,500 rows in the sample's 3.25 s
        assertThat(totals.get("rowsPerSecond").asDouble()).isEqualTo(461.5);
        assertThat(totals.get("bytes").asLong()).isEqualTo(3 * 1024 * 1024);
        assertThat(totals.get("tables").asInt()).isEqualTo(2);

        assertThat(report.get("objects").get("table").asInt()).isEqualTo(2);
        assertThat(report.get("objects").get("index").asInt()).isEqualTo(3);

        JsonNode warning = report.get("warnings").get(0);
        assertThat(fieldNames(warning)).containsExactly("code", "message", "objects");
        assertThat(warning.get("code").asText()).isEqualTo("unsupported-object");
        assertThat(warning.get("objects").get(0).asText()).isEqualTo("audit_ddl");
    }

    @Test
    void failureAfterStartKeepsThePartialResultAndAddsTheError() throws Exception {
        MigrationResult partial = MigrationResult.builder().from(SampleResults.shop())
                .tables(List.of(SampleResults.table("public", "orders", 1000, 4096)))
                .completed(false)
                .build();
        MigrationFailedException failure = new MigrationFailedException(ErrorKind.MIGRATION_FAILED,
                "Copying public.items failed: disk full on the target. Free space and resume.", partial, null);

        JsonNode report = JSON.readTree(ResultJson.failure(failure));

        assertThat(report.get("completed").asBoolean(true)).isFalse();
        assertThat(report.get("migrationId").asText()).isEqualTo("m-42");
        assertThat(report.get("totals").get("rows").asLong()).isEqualTo(1000);
        assertThat(report.get("tables")).hasSize(1);
        assertThat(fieldNames(report.get("error"))).containsExactly("kind", "message");
        assertThat(report.get("error").get("kind").asText()).isEqualTo("MIGRATION_FAILED");
        assertThat(report.get("error").get("message").asText()).startsWith("Copying public.items failed");
    }

    @Test
    void completedIsFalseOnFailureEvenWhenThePartialResultSaysOtherwise() throws Exception {
        MigrationFailedException failure = new MigrationFailedException(ErrorKind.CANCELLED, "Cancelled.",
                SampleResults.shop(), null);

        assertThat(JSON.readTree(ResultJson.failure(failure)).get("completed").asBoolean(true)).isFalse();
    }

    @Test
    void failureBeforeStartHasOnlyCompletedAndError() throws Exception {
        PgMigrateException failure = new PgMigrateException(ErrorKind.CONNECTION_FAILED, "Cannot reach localhost:1.");

        JsonNode report = JSON.readTree(ResultJson.failure(failure));

        assertThat(fieldNames(report)).containsExactly("completed", "error");
        assertThat(report.get("completed").asBoolean(true)).isFalse();
        assertThat(report.get("error").get("kind").asText()).isEqualTo("CONNECTION_FAILED");
        assertThat(report.get("error").get("message").asText()).isEqualTo("Cannot reach localhost:1.");
    }

    @Test
    void aServersSizeIsWrittenWhenItIsKnown() throws Exception {
        MigrationResult sized = MigrationResult.builder().from(SampleResults.shop())
                .source(ServerInfo.builder().from(SampleResults.shop().source()).databaseBytes(123_456_789L).build()).build();

        JsonNode report = JSON.readTree(ResultJson.of(sized));

        assertThat(report.get("source").get("databaseBytes").asLong()).isEqualTo(123_456_789L);
        assertThat(report.get("target").has("databaseBytes")).isFalse();
    }

    @Test
    void aPhasesStartIsWrittenWhenItIsKnown() throws Exception {
        MigrationResult result = MigrationResult.builder().from(SampleResults.shop()).phases(List.of(PhaseResult.of(Phase.DATA,
                SampleResults.shop().startedAt().plusMillis(250), SampleResults.shop().startedAt().plusMillis(2250)))).build();

        JsonNode phase = JSON.readTree(ResultJson.of(result)).get("phases").get(0);

        assertThat(fieldNames(phase)).containsExactly("phase", "durationMillis", "startMillis");
        assertThat(phase.get("startMillis").asLong()).isEqualTo(250);
        assertThat(phase.get("durationMillis").asLong()).isEqualTo(2000);
    }
}
