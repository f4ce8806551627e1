package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationOption;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.Severity;
import org.pgmigrate.ValidationFailedException;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * The three options: VALIDATE reports and changes nothing, MIGRATE does not validate,
 * VALIDATE_AND_MIGRATE migrates only when no rule failed and otherwise throws with the report.
 * "Unchanged" is checked against a twin database that was never touched.
 */
@ExtendWith(PostgresExtension.class)
class ValidationOptionsIT {
    @Test
    void validateReportsAndChangesNothingOnTheTarget(@Pg(instance = "source", sample = true) TestDatabase source,
                                                     @Pg(instance = "target") TestDatabase target,
                                                     @Pg(instance = "target") TestDatabase untouchedTwin) {
        ValidationReport report = Migration.from(source.endpoint()).to(target.endpoint()).validate();

        assertThat(report.findings()).hasSizeGreaterThan(40);
        assertThat(report.source()).hasValueSatisfying(s -> assertThat(s.database()).isEqualTo(source.name()));
        assertThat(report.findingsOf("target-database-empty")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.SUCCEEDED));
        assertThatDatabase(target).isEquivalentTo(untouchedTwin);

        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).option(MigrationOption.VALIDATE).execute();

        assertThat(result.validation()).hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo(report.outcome()));
        assertThat(result.phases()).isEmpty();
        assertThat(result.tables()).isEmpty();
        assertThatDatabase(target).isEquivalentTo(untouchedTwin);
    }

    @Test
    void validateReturnsAFailedReportRatherThanThrowing(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        target.execute("CREATE TABLE public.leftover (id int)");

        ValidationReport report = Migration.from(source.endpoint()).to(target.endpoint()).validate();

        assertThat(report.outcome()).isEqualTo(Severity.FAILED);
        assertThat(report.findings(Severity.FAILED)).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("target-database-empty");
            assertThat(f.objects()).containsExactly("table public.leftover");
        });
    }

    @Test
    void validateAndMigrateThrowsWithTheReportAndLeavesTheTargetUntouched(@Pg(instance = "source") TestDatabase source,
                                                                         @Pg(instance = "target") TestDatabase target,
                                                                         @Pg(instance = "target") TestDatabase untouchedTwin) {
        // a source MIGRATE would copy while silently leaving out the schema named like pgmigrate's journal
        source.execute("CREATE TABLE public.orders (id int PRIMARY KEY); INSERT INTO public.orders VALUES (1);"
                + " CREATE SCHEMA pgmigrate; CREATE TABLE pgmigrate.jobs (id int)");

        for (MigrationOption option : new MigrationOption[] {MigrationOption.VALIDATE_AND_MIGRATE, MigrationOption.VALIDATE}) {
            assertThatThrownBy(() -> Migration.from(source.endpoint()).to(target.endpoint()).option(option).execute())
                    .as("%s", option)
                    .isInstanceOfSatisfying(ValidationFailedException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.VALIDATION_FAILED);
                        assertThat(e.report().outcome()).isEqualTo(Severity.FAILED);
                        assertThat(e.report().findingsOf("reserved-schema-names")).singleElement()
                                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.FAILED));
                    })
                    .hasMessageContaining("reserved-schema-names")
                    .hasMessageContaining("nothing was changed on the target");
            assertThatDatabase(target).isEquivalentTo(untouchedTwin);
        }
    }

    @Test
    void validateAndMigrateMigratesDespiteWarningsAndReturnsThem(@Pg(instance = "source") TestDatabase source,
                                                                 @Pg(instance = "target") TestDatabase target) {
        source.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'val_only_on_source') THEN"
                + " CREATE ROLE val_only_on_source; END IF; END $$;"
                + " CREATE TABLE public.orders (id int PRIMARY KEY); INSERT INTO public.orders VALUES (1), (2);"
                + " ALTER TABLE public.orders OWNER TO val_only_on_source");

        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint())
                .option(MigrationOption.VALIDATE_AND_MIGRATE).jobs(2).execute();

        assertThat(result.completed()).isTrue();
        assertThat(result.validation()).hasValueSatisfying(r -> {
            assertThat(r.outcome()).isEqualTo(Severity.WARNING);
            assertThat(r.findings(Severity.WARNING)).extracting(f -> f.rule()).containsExactly("roles-missing-on-target");
        });
        assertThat(target.queryValue("SELECT count(*) FROM public.orders")).isEqualTo("2");
    }

    @Test
    void validateAndMigrateMigratesWhenEverythingSucceeded(@Pg(instance = "source") TestDatabase source,
                                                          @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE public.orders (id int PRIMARY KEY); INSERT INTO public.orders VALUES (1), (2), (3)");

        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint())
                .option(MigrationOption.VALIDATE_AND_MIGRATE).jobs(2).execute();

        assertThat(result.validation()).hasValueSatisfying(r -> assertThat(r.outcome()).as(r.toText()).isEqualTo(Severity.SUCCEEDED));
        assertThat(target.queryValue("SELECT count(*) FROM public.orders")).isEqualTo("3");
    }

    @Test
    void migrateDoesNotValidate(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE public.orders (id int PRIMARY KEY)");

        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).jobs(2).execute();

        assertThat(result.validation()).isEmpty();
        assertThat(result.completed()).isTrue();
    }

    @Test
    void aFailedOnlinePrerequisiteRefusesTheOnlineMigration(@Pg(instance = "source") TestDatabase source,
                                                            @Pg(instance = "target") TestDatabase target) {
        ValidationReport report = Migration.from(source.endpoint()).to(target.endpoint()).mode(MigrationMode.ONLINE).validate();

        assertThat(report.findingsOf("wal-level-logical")).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.FAILED));
        assertThatThrownBy(() -> Migration.from(source.endpoint()).to(target.endpoint()).mode(MigrationMode.ONLINE)
                .option(MigrationOption.VALIDATE_AND_MIGRATE).execute())
                .isInstanceOfSatisfying(ValidationFailedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.VALIDATION_FAILED);
                    assertThat(e.report().findingsOf("wal-level-logical")).isNotEmpty();
                });
        assertThat(target.queryValue("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgmigrate'")).isEqualTo("0");
    }
}
