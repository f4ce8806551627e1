package org.pgmigrate.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.validation.Validations.fired;
import static org.pgmigrate.validation.Validations.passed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Finding;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.Severity;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** Encoding, locale, collations and lc_monetary of the two databases. */
@ExtendWith(PostgresExtension.class)
class EncodingRulesIT {
    @Test
    void aTargetEncodingThatCannotHoldTheSourceTextFails(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") PostgresServer target) {
        try (ExtraDatabase latin1 = ExtraDatabase.create(target, "ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'")) {
            ValidationReport report = Validations.validate(source.endpoint(), latin1.endpoint(), MigrationMode.OFFLINE, 2);

            Finding finding = fired(report, "database-encoding", Severity.FAILED, latin1.name());
            assertThat(finding.message()).contains("LATIN1", "UTF8");
            assertThat(finding.remediation()).contains("ENCODING 'UTF8'");
        }
    }

    @Test
    void aLatin1SourceIntoAUtf8TargetWarns(@Pg(instance = "source") PostgresServer source, @Pg(instance = "target") TestDatabase target) {
        try (ExtraDatabase latin1 = ExtraDatabase.create(source, "ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'")) {
            ValidationReport report = Validations.validate(latin1.endpoint(), target.endpoint(), MigrationMode.OFFLINE, 2);

            fired(report, "database-encoding", Severity.WARNING, target.name());
        }
    }

    @Test
    void sameEncodingAndLocalePass(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE public.prices (amount money, label text COLLATE \"C.utf8\")");

        ValidationReport report = Validations.offline(source, target);

        passed(report, "database-encoding");
        passed(report, "database-locale");
        passed(report, "collations-on-target");
        passed(report, "money-lc-monetary");
    }

    @Test
    void anotherLocaleWarns(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") PostgresServer target) {
        try (ExtraDatabase posix = ExtraDatabase.create(target, "ENCODING 'UTF8' LC_COLLATE 'POSIX' LC_CTYPE 'C.utf8'")) {
            ValidationReport report = Validations.validate(source.endpoint(), posix.endpoint(), MigrationMode.OFFLINE, 2);

            Finding finding = fired(report, "database-locale", Severity.WARNING, posix.name());
            assertThat(finding.message()).contains("LC_COLLATE C,", "LC_COLLATE C.UTF-8");
        }
    }

    @Test
    void aCollationTheTargetLacksFails(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE SCHEMA shop; CREATE TABLE shop.products (name text COLLATE pg_catalog.\"C.utf8\");"
                + " CREATE COLLATION shop.own (provider = icu, locale = 'und-u-ks-level2'); CREATE TABLE shop.tags (t text COLLATE shop.own)");
        // collations live in each database's catalog: drop one from the target database only
        target.execute("DROP COLLATION pg_catalog.\"C.utf8\"");

        ValidationReport report = Validations.offline(source, target);

        Finding finding = fired(report, "collations-on-target", Severity.FAILED, "pg_catalog.\"C.utf8\"");
        assertThat(finding.objects()).containsExactly("pg_catalog.\"C.utf8\"");
    }

    @Test
    void moneyColumnsUnderAnotherLcMonetaryFail(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute("ALTER DATABASE " + source.name() + " SET lc_monetary = 'C'; CREATE TABLE public.prices (amount money, note text)");
        target.execute("ALTER DATABASE " + target.name() + " SET lc_monetary = 'POSIX'");

        ValidationReport report = Validations.offline(source, target);

        Finding finding = fired(report, "money-lc-monetary", Severity.FAILED, "public.prices.amount");
        assertThat(finding.remediation()).contains("SET lc_monetary = 'C'");
    }
}
