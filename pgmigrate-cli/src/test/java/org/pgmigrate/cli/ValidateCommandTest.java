package org.pgmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Finding;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationOption;
import org.pgmigrate.MigrationRequest;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.ServerInfo;
import org.pgmigrate.ValidationFailedException;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.cli.console.SampleResults;

/** {@code pgmigrate validate} and {@code migrate --validate}: options, exit codes and the JSON report, without a database. */
class ValidateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = "postgresql://app@old-db:5432/shop";
    private static final String TARGET = "postgresql://app@new-db:5432/shop";

    @TempDir
    Path dir;

    private final AtomicReference<MigrationRequest> requested = new AtomicReference<>();

    private static final Finding WARNED = Finding.warning("unlogged-tables", "1 unlogged table: \"Sales\".\"cart \\\"tmp\\\"\".",
            "ALTER TABLE ... SET LOGGED;", List.of("\"Sales\".\"cart \\\"tmp\\\"\""));
    private static final Finding FAILED = Finding.failed("tables-with-oids", "1 table has OIDs: public.t.",
            "ALTER TABLE public.t SET WITHOUT OIDS;", List.of("public.t"));

    static ValidationReport report(Finding... findings) {
        return ValidationReport.builder()
                .mode(MigrationMode.ONLINE)
                .sourceEndpoint("app at jdbc:postgresql://old-db:5432/shop")
                .targetEndpoint("app at jdbc:postgresql://new-db:5432/shop")
                .source(ServerInfo.builder().versionNumber(110022).database("shop").endpoint("app at jdbc:postgresql://old-db:5432/shop").build())
                .addFindings(Finding.succeeded("server-reachable", "Both servers answered."))
                .addFindings(findings)
                .startedAt(Instant.parse("2025-01-31T10:15:30.123Z"))
                .duration(Duration.ofMillis(420))
                .build();
    }

    /** Runs {@code validate} with a validator that records the request and returns {@code report} (or throws). */
    private CommandRun validate(Function<Migration.Builder, ValidationReport> validator, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            Backend backend = Backend.LIBRARY.withValidator(builder -> {
                requested.set(builder.request());
                return validator.apply(builder);
            });
            String[] line = java.util.stream.Stream.concat(java.util.stream.Stream.of("validate"), java.util.Arrays.stream(args)).toArray(String[]::new);
            int code = new PgMigrateCommand(o, e, Map.of(), backend).run(line);
            return CommandRun.of(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    private CommandRun validate(ValidationReport report, String... args) {
        return validate(builder -> report, args);
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void helpDocumentsTheOptionsExitCodesAndAnExample() {
        CommandRun run = CommandRun.run(Map.of(), b -> SampleResults.shop(), "validate", "--help");

        assertThat(run.exitCode).isZero();
        assertThat(run.out).startsWith("Usage: pgmigrate validate --source URL --target URL [options]");
        CommandRun.synopses("validate").forEach(option -> assertThat(run.out).contains(option));
        assertThat(run.out).containsPattern("(?m)^  0  nothing failed").containsPattern("(?m)^  1  validation could not run")
                .containsPattern("(?m)^  2  bad usage").containsPattern("(?m)^  3  validation failed").contains("Example:");
        assertThat(CommandRun.run(Map.of(), b -> SampleResults.shop(), "--help").out).contains("pgmigrate validate --source URL");
        assertThat(CommandRun.run(Map.of(), b -> SampleResults.shop(), "migrate", "--help").out).contains("--validate", "--disable-rule=ID[,ID...]");
    }

    @Test
    void theRequestCarriesModeJobsAndDisabledRules() {
        CommandRun run = validate(report(WARNED), "--source", SOURCE, "--target", TARGET, "--mode", "online", "--jobs", "6",
                "--disable-rule", "superuser-owned-objects, unlogged-tables");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(requested.get().mode()).isEqualTo(MigrationMode.ONLINE);
        assertThat(requested.get().jobs()).isEqualTo(6);
        assertThat(requested.get().disabledRules()).containsExactlyInAnyOrder("superuser-owned-objects", "unlogged-tables");
        assertThat(run.out).contains("Validation WARNING").contains("unlogged-tables");
    }

    @Test
    void exitCodesFollowTheOutcome() {
        assertThat(validate(report(), "--source", SOURCE, "--target", TARGET).exitCode).isEqualTo(0);
        assertThat(validate(report(WARNED), "--source", SOURCE, "--target", TARGET).exitCode).isEqualTo(0);
        CommandRun failed = validate(report(WARNED, FAILED), "--source", SOURCE, "--target", TARGET);
        assertThat(failed.exitCode).isEqualTo(3);
        assertThat(failed.out).contains("Validation FAILED", "tables-with-oids", "Fix: ALTER TABLE public.t SET WITHOUT OIDS;");

        CommandRun broken = validate(b -> {
            throw new PgMigrateException(ErrorKind.VALIDATION_ERROR, "Validation rule x could not run: boom.");
        }, "--source", SOURCE, "--target", TARGET);
        assertThat(broken.exitCode).isEqualTo(1);
        assertThat(broken.err).contains("validation could not run: Validation rule x could not run: boom.");

        CommandRun unknownRule = validate(b -> {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "No validation rule has the id nope.");
        }, "--source", SOURCE, "--target", TARGET, "--disable-rule", "nope");
        assertThat(unknownRule.exitCode).isEqualTo(2);
        assertThat(validate(report(), "--source", SOURCE, "--target", TARGET, "--mode", "sideways").exitCode).isEqualTo(2);
    }

    @Test
    void theJsonReportHasTheDocumentedShape() {
        Path file = dir.resolve("checks.json");

        validate(report(WARNED, FAILED), "--source", SOURCE, "--target", TARGET, "--report", file.toString());

        JsonNode json = read(file);
        assertThat(ResultJsonTest.fieldNames(json))
                .containsExactly("outcome", "mode", "startedAt", "durationMillis", "source", "target", "findings");
        assertThat(json.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(json.get("mode").asText()).isEqualTo("ONLINE");
        assertThat(json.get("startedAt").asText()).isEqualTo("2025-01-31T10:15:30.123Z");
        assertThat(json.get("durationMillis").asLong()).isEqualTo(420);
        assertThat(ResultJsonTest.fieldNames(json.get("source")))
                .containsExactly("endpoint", "reachable", "database", "versionNumber", "majorVersion");
        assertThat(json.get("source").get("majorVersion").asInt()).isEqualTo(11);
        assertThat(ResultJsonTest.fieldNames(json.get("target"))).containsExactly("endpoint", "reachable");
        assertThat(json.get("target").get("reachable").asBoolean()).isFalse();
        JsonNode findings = json.get("findings");
        assertThat(findings).hasSize(3);
        for (JsonNode f : findings) {
            assertThat(ResultJsonTest.fieldNames(f)).containsExactly("rule", "severity", "message", "remediation", "objects");
        }
        assertThat(findings.get(0).get("remediation").asText()).isEmpty();
        assertThat(findings.get(1).get("severity").asText()).isEqualTo("WARNING");
        assertThat(findings.get(1).get("message").asText()).isEqualTo(WARNED.message());
        assertThat(findings.get(1).get("objects").get(0).asText()).isEqualTo("\"Sales\".\"cart \\\"tmp\\\"\"");
        assertThat(findings.get(2).get("rule").asText()).isEqualTo("tables-with-oids");
    }

    @Test
    void whenValidationCannotRunTheReportHoldsTheError() {
        Path file = dir.resolve("checks.json");

        validate(b -> {
            throw new PgMigrateException(ErrorKind.VALIDATION_ERROR, "Validation rule x could not run.");
        }, "--source", SOURCE, "--target", TARGET, "--report", file.toString());

        JsonNode json = read(file);
        assertThat(ResultJsonTest.fieldNames(json)).containsExactly("error");
        assertThat(json.get("error").get("kind").asText()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void migrateWithValidateRunsValidateAndMigrate() throws IOException {
        AtomicReference<MigrationRequest> executed = new AtomicReference<>();
        MigrationResult result = MigrationResult.builder().from(SampleResults.shop()).validation(report(WARNED)).build();
        Path file = dir.resolve("migration.json");

        CommandRun run = CommandRun.run(Map.of(), builder -> {
            executed.set(builder.request());
            return result;
        }, "migrate", "--source", SOURCE, "--target", TARGET, "--validate", "--disable-rule", "sequences-online", "--report", file.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(executed.get().option()).isEqualTo(MigrationOption.VALIDATE_AND_MIGRATE);
        assertThat(executed.get().disabledRules()).containsExactly("sequences-online");
        assertThat(run.out).contains("Validation WARNING");
        assertThat(read(file).get("validation").get("outcome").asText()).isEqualTo("WARNING");
        assertThat(Files.readString(file)).doesNotContain("\"validation\": null");
    }

    @Test
    void migrateWithValidateExitsThreeWhenARuleFails() {
        Path file = dir.resolve("migration.json");

        CommandRun run = CommandRun.run(Map.of(), builder -> {
            throw new ValidationFailedException(report(FAILED));
        }, "migrate", "--source", SOURCE, "--target", TARGET, "--validate", "--report", file.toString());

        assertThat(run.exitCode).as(run.toString()).isEqualTo(3);
        assertThat(run.out).contains("Validation FAILED", "tables-with-oids");
        assertThat(run.err).contains("Validation failed; nothing was changed on the target");
        JsonNode json = read(file);
        assertThat(ResultJsonTest.fieldNames(json)).containsExactly("completed", "validation", "error");
        assertThat(json.get("error").get("kind").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(json.get("validation").get("findings").get(1).get("rule").asText()).isEqualTo("tables-with-oids");
    }

    @Test
    void migrateWithoutValidateNeitherValidatesNorTakesDisabledRules() {
        AtomicReference<MigrationRequest> executed = new AtomicReference<>();

        CommandRun plain = CommandRun.run(Map.of(), builder -> {
            executed.set(builder.request());
            return SampleResults.shop();
        }, "migrate", "--source", SOURCE, "--target", TARGET);
        CommandRun misplaced = CommandRun.run(Map.of(), builder -> SampleResults.shop(),
                "migrate", "--source", SOURCE, "--target", TARGET, "--disable-rule", "x");

        assertThat(plain.exitCode).isZero();
        assertThat(executed.get().option()).isEqualTo(MigrationOption.MIGRATE);
        assertThat(misplaced.exitCode).isEqualTo(2);
        assertThat(misplaced.err).contains("--disable-rule only applies with --validate");
    }
}
