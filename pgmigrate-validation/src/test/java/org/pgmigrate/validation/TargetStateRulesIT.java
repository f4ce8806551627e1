package org.pgmigrate.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.validation.Validations.fired;
import static org.pgmigrate.validation.Validations.passed;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Finding;
import org.pgmigrate.Severity;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** What the target holds and what runs there. */
@ExtendWith(PostgresExtension.class)
class TargetStateRulesIT {
    @Test
    void aCleanTargetPassesEveryTargetStateRule(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE SCHEMA ext; CREATE EXTENSION citext SCHEMA ext; CREATE TABLE public.t (id int)");

        ValidationReport report = Validations.offline(source, target);

        for (String rule : List.of("target-database-empty", "target-extension-clashes", "reserved-schema-names",
                "prepared-transactions", "one-migration-at-a-time")) {
            passed(report, rule);
        }
    }

    @Test
    void aTargetHoldingUserObjectsFailsAndNamesThem(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        target.execute("CREATE TABLE public.leftover (x int); CREATE SCHEMA old_stuff; CREATE TYPE old_stuff.mood AS ENUM ('ok')");

        Finding finding = fired(Validations.offline(source, target), "target-database-empty", Severity.FAILED,
                "table public.leftover", "schema old_stuff", "type old_stuff.mood");
        assertThat(finding.objects()).hasSize(3);
    }

    @Test
    void anExtensionTheTargetHasInAnotherSchemaFails(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE SCHEMA ext; CREATE EXTENSION citext SCHEMA ext");
        target.execute("CREATE EXTENSION citext SCHEMA public");

        ValidationReport report = Validations.offline(source, target);

        fired(report, "target-extension-clashes", Severity.FAILED, "citext (schema ext on the source, public on the target)");
        passed(report, "target-database-empty");
    }

    @Test
    void aSourceSchemaNamedPgmigrateFails(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE SCHEMA pgmigrate; CREATE TABLE pgmigrate.jobs (id int)");

        Finding finding = fired(Validations.offline(source, target), "reserved-schema-names", Severity.FAILED, "pgmigrate");
        assertThat(finding.remediation()).contains("ALTER SCHEMA pgmigrate RENAME TO");
    }

    @Test
    void preparedTransactionsOnEitherSideFail(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE public.t (id int); BEGIN; INSERT INTO public.t VALUES (1); PREPARE TRANSACTION 'val-source-tx'");
        try {
            target.execute("BEGIN; SELECT 1; PREPARE TRANSACTION 'val target tx'");
            try {
                ValidationReport report = Validations.offline(source, target);

                List<Finding> findings = report.findingsOf("prepared-transactions");
                assertThat(findings).extracting(Finding::severity).containsExactly(Severity.FAILED, Severity.FAILED);
                assertThat(findings.get(0).message()).startsWith("The source database has 1 prepared transaction").contains("'val-source-tx'");
                assertThat(findings.get(1).message()).startsWith("The target database has 1 prepared transaction").contains("'val target tx'");
                assertThat(findings.get(1).remediation()).contains("ROLLBACK PREPARED 'val target tx';");
            } finally {
                target.execute("ROLLBACK PREPARED 'val target tx'");
            }
        } finally {
            source.execute("ROLLBACK PREPARED 'val-source-tx'");
        }
    }

    @Test
    void anotherMigrationConnectedToTheTargetFails(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target)
            throws Exception {
        Properties engineSession = new Properties();
        engineSession.setProperty("user", "postgres");
        engineSession.setProperty("ApplicationName", "pgmigrate");
        try (Connection running = DriverManager.getConnection(target.jdbcUrl(), engineSession)) {
            ValidationReport report = Validations.offline(source, target);

            Finding finding = fired(report, "one-migration-at-a-time", Severity.FAILED);
            assertThat(finding.objects()).singleElement().asString().startsWith("session ").contains("of postgres");
            assertThat(finding.message()).contains(finding.objects().get(0));
        }
    }
}
