package org.pgmigrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationReportTest {
    private static final Finding OK = Finding.succeeded("server-reachable", "Both servers answered.");
    private static final Finding WARN = Finding.warning("unlogged-tables", "1 unlogged table: shop.cache.", "SET LOGGED.", List.of("shop.cache"));
    private static final Finding FAIL = Finding.failed("tables-with-oids", "1 table has OIDs: public.t.",
            "ALTER TABLE public.t SET WITHOUT OIDS;", List.of("public.t"));

    private static ValidationReport report(Finding... findings) {
        return ValidationReport.builder()
                .mode(MigrationMode.OFFLINE)
                .sourceEndpoint("app at jdbc:postgresql://old/shop")
                .targetEndpoint("app at jdbc:postgresql://new/shop")
                .source(ServerInfo.builder().versionNumber(110022).database("shop").endpoint("app at jdbc:postgresql://old/shop").build())
                .findings(List.of(findings))
                .startedAt(Instant.parse("2025-01-31T10:15:30Z"))
                .duration(Duration.ofMillis(420))
                .build();
    }

    @Test
    void theOutcomeIsTheGravestSeverity() {
        assertThat(report().outcome()).isEqualTo(Severity.SUCCEEDED);
        assertThat(report(OK).outcome()).isEqualTo(Severity.SUCCEEDED);
        assertThat(report(OK, WARN).outcome()).isEqualTo(Severity.WARNING);
        assertThat(report(FAIL, OK, WARN).outcome()).isEqualTo(Severity.FAILED);
        assertThat(Severity.WARNING.worst(Severity.SUCCEEDED)).isEqualTo(Severity.WARNING);
        assertThat(Severity.WARNING.worst(Severity.FAILED)).isEqualTo(Severity.FAILED);
    }

    @Test
    void findingsAreSelectedBySeverityAndRule() {
        ValidationReport report = report(OK, WARN, FAIL);

        assertThat(report.findings(Severity.WARNING)).containsExactly(WARN);
        assertThat(report.findingsOf("tables-with-oids")).containsExactly(FAIL);
        assertThat(report.findingsOf("no-such-rule")).isEmpty();
    }

    @Test
    void throwIfFailedCarriesTheReportAndNamesEachFailure() {
        ValidationReport report = report(OK, WARN, FAIL);

        assertThatThrownBy(report::throwIfFailed)
                .isInstanceOfSatisfying(ValidationFailedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.VALIDATION_FAILED);
                    assertThat(e.report()).isSameAs(report);
                })
                .hasMessageContaining("nothing was changed on the target")
                .hasMessageContaining("tables-with-oids: 1 table has OIDs: public.t. Remediation: ALTER TABLE public.t SET WITHOUT OIDS;")
                .hasMessageNotContaining("unlogged-tables");
        assertThat(report(OK, WARN).throwIfFailed().outcome()).isEqualTo(Severity.WARNING);
    }

    @Test
    void theTextListsFailuresThenWarningsThenWhatSucceeded() {
        String text = report(OK, WARN, FAIL).toText();

        assertThat(text).startsWith("Validation FAILED (offline migration, 420 ms)\n")
                .contains("source: PostgreSQL 11.22, database shop at app at jdbc:postgresql://old/shop")
                .contains("target: app at jdbc:postgresql://new/shop (not reached)")
                .contains("1 failed, 1 warnings, 1 succeeded")
                .contains("Fix: ALTER TABLE public.t SET WITHOUT OIDS;")
                .endsWith("Succeeded: server-reachable\n");
        assertThat(text.indexOf("tables-with-oids")).isLessThan(text.indexOf("unlogged-tables"));
    }

    @Test
    void aFindingNeedsARuleAndAMessage() {
        assertThatThrownBy(() -> Finding.succeeded("", "fine")).isInstanceOf(PgMigrateException.class);
        assertThatThrownBy(() -> Finding.succeeded("rule", " ")).isInstanceOf(PgMigrateException.class);
        assertThat(OK.remediation()).isEmpty();
        assertThat(FAIL.toString()).isEqualTo("FAILED tables-with-oids: 1 table has OIDs: public.t.");
    }
}
