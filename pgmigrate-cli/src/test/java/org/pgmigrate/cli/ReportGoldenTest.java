package org.pgmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Finding;
import org.pgmigrate.MigrationFailedException;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.ReplicationLag;
import org.pgmigrate.RoleReport;
import org.pgmigrate.TableVerification;
import org.pgmigrate.TimelineEntry;
import org.pgmigrate.ValidationFailedException;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.VerificationDifference;
import org.pgmigrate.VerificationReport;
import org.pgmigrate.cli.console.SampleResults;

/**
 * The report files, character for character, as scripts read them: every branch of {@link ResultJson}
 * and {@link ValidationJson} against files written before the reports moved to Jackson (they
 * "only ever grow": a change here is a change of the documented format).
 */
class ReportGoldenTest {
    /** Control characters, quotes, a line separator, an astral character and an unpaired surrogate. */
    private static final String ODD = "tab\t nl\n quote\" backslash\\ nul\u0000 ls\u2028 e\u0301 \uD83D\uDE00 lone\uD800 ü";

    static VerificationReport verification() {
        return VerificationReport.builder()
                .addTables(TableVerification.builder().schema("public").name("orders").sourceRows(10).targetRows(9).parts(16)
                        .addDifferingRanges("id >= 5 AND id < 6").equal(false).build())
                .addTables(TableVerification.builder().schema("Sales").name(ODD).sourceRows(0).targetRows(0).parts(1).equal(true).build())
                .addDifferences(VerificationDifference.of(VerificationDifference.Kind.TABLE_DATA, "public.orders", "10 rows on the source, 9 on the target"))
                .addNotes("a note", ODD)
                .duration(Duration.ofMillis(1500)).build();
    }

    private static final Instant START = SampleResults.shop().startedAt();

    static MigrationResult everything() {
        MigrationResult database = MigrationResult.builder().from(SampleResults.shop()).migrationId("m-42/crm").completed(false).build();
        return MigrationResult.builder().from(SampleResults.shop())
                .putOptions("copyFormat", "AUTO").putOptions("maxSourceBytesPerSecond", "unlimited")
                .addWarnings(org.pgmigrate.MigrationWarning.of("odd", ODD, List.of()))
                .validation(ValidateCommandTest.report(Finding.warning("unlogged-tables", ODD, "ALTER TABLE ... SET LOGGED;", List.of("a", "b"))))
                .verification(verification())
                .roles(RoleReport.builder().addCreated("app").addReserved("rds_superuser").addMemberships("app_ro -> app").build())
                .addTimeline(TimelineEntry.builder().kind(TimelineEntry.Kind.COPY).table("public.orders").part("ctid >= '(0,0)'").lane(2)
                                .start(START.plusMillis(500)).end(START.plusMillis(2000)).rows(1000).bytes(65536).build(),
                        TimelineEntry.builder().kind(TimelineEntry.Kind.INDEX).table(ODD).part("orders_pkey").lane(1)
                                .start(START.plusMillis(2000)).end(START.plusMillis(2600)).build())
                .addLag(ReplicationLag.of(8192, Duration.ofMillis(40), START.plusSeconds(1), 12, 340))
                .addDatabases(database, SampleResults.shop())
                .duration(Duration.ZERO)
                .build();
    }

    static List<String> names() {
        return List.copyOf(new java.util.TreeSet<>(samples().keySet()));
    }

    static Map<String, String> samples() {
        ValidationReport failedValidation = ValidateCommandTest.report(Finding.failed("tables-with-oids", "1 table has OIDs: public.t.",
                "ALTER TABLE public.t SET WITHOUT OIDS;", List.of("public.t")));
        return Map.of(
                "result-shop", ResultJson.of(SampleResults.shop()),
                "result-everything", ResultJson.of(everything()),
                "result-failed-after-start", ResultJson.failure(new MigrationFailedException(ErrorKind.MIGRATION_FAILED, ODD,
                        SampleResults.shop(), null)),
                "result-failed-before-start", ResultJson.failure(new PgMigrateException(ErrorKind.CONNECTION_FAILED, "Cannot reach localhost:1.")),
                "result-validation-failed", ResultJson.failure(new ValidationFailedException(failedValidation)),
                "result-internal", ResultJson.failure(Optional.empty(), "INTERNAL", "java.lang.IllegalStateException: boom"),
                "verification", ResultJson.of(verification()),
                "validation", ValidationJson.of(failedValidation),
                "validation-error", ValidationJson.failure(new PgMigrateException(ErrorKind.VALIDATION_ERROR, "Could not run.")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void theReportIsWrittenAsBefore(String name) throws IOException {
        try (InputStream in = ReportGoldenTest.class.getResourceAsStream("reports/" + name + ".json")) {
            assertThat(in).as(name).isNotNull();
            assertThat(samples().get(name)).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
