package org.pgmigrate.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.validation.Validations.fired;
import static org.pgmigrate.validation.Validations.passed;
import static org.pgmigrate.validation.Validations.skipped;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Finding;
import org.pgmigrate.Migration;
import org.pgmigrate.Severity;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** Versions and what newer majors no longer accept, on a real PostgreSQL 11 source and 17 target. */
@ExtendWith(PostgresExtension.class)
class VersionRulesIT {
    /** Objects PostgreSQL 11 accepts and 12 or 14 do not. */
    private static final String OLD_FEATURES = String.join(";\n",
            "CREATE TABLE public.with_oids (a int) WITH OIDS",
            "CREATE SCHEMA legacy",
            "CREATE TABLE legacy.\"Old Times\" (stamp abstime, spans reltime[], period tinterval)",
            "CREATE DOMAIN legacy.abs_domain AS abstime",
            "CREATE TABLE legacy.via_domain (d legacy.abs_domain)",
            "CREATE OPERATOR public.!!! (LEFTARG = bigint, PROCEDURE = pg_catalog.factorial)",
            "CREATE AGGREGATE public.array_accum(anyelement) (sfunc = array_append, stype = anyarray, initcond = '{}')",
            // a conversion function of the user's, here the built-in one's C code under another name
            "CREATE FUNCTION legacy.latin_to_utf_fn(integer, integer, cstring, internal, integer) RETURNS void STRICT"
                    + " LANGUAGE c AS '$libdir/utf8_and_iso8859_1', 'iso8859_1_to_utf8'",
            "CREATE CONVERSION legacy.latin_to_utf FOR 'LATIN1' TO 'UTF8' FROM legacy.latin_to_utf_fn",
            // the built-in function itself: the newer major looks it up by name with its own signature
            "CREATE CONVERSION legacy.builtin_latin_to_utf FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8");

    private static final List<String> CROSS_VERSION = List.of("tables-with-oids", "removed-data-types", "postfix-operators",
            "incompatible-polymorphics", "user-encoding-conversions");

    @Test
    void objectsNewerMajorsRemovedFailFrom11To17(@Pg(value = 11, instance = "source") TestDatabase source,
                                                  @Pg(value = 17, instance = "target") TestDatabase target) {
        source.execute(OLD_FEATURES);

        ValidationReport report = Validations.offline(source, target);

        Finding oids = fired(report, "tables-with-oids", Severity.FAILED, "public.with_oids");
        assertThat(oids.remediation()).contains("ALTER TABLE public.with_oids SET WITHOUT OIDS;");
        fired(report, "removed-data-types", Severity.FAILED, "legacy.\"Old Times\".stamp (abstime)",
                "legacy.\"Old Times\".spans (reltime[])", "legacy.\"Old Times\".period (tinterval)",
                "legacy.via_domain.d (legacy.abs_domain)");
        Finding postfix = fired(report, "postfix-operators", Severity.FAILED, "public.!!!(bigint,NONE)");
        assertThat(postfix.remediation()).contains("DROP OPERATOR public.!!!(bigint,NONE);");
        fired(report, "incompatible-polymorphics", Severity.FAILED, "aggregate public.array_accum(anyelement)");
        assertThat(fired(report, "user-encoding-conversions", Severity.FAILED).objects()).as("not the one with a built-in function")
                .containsExactly("legacy.latin_to_utf");
        passed(report, "version-no-downgrade");
        passed(report, "version-minimum-source");
        assertThat(report.source()).hasValueSatisfying(s -> assertThat(s.majorVersion()).isEqualTo(11));
    }

    @Test
    void codeTheNewerMajorLacksFailsFrom11To17(@Pg(value = 11, instance = "source") TestDatabase source,
                                               @Pg(value = 17, instance = "target") TestDatabase target) {
        // contrib/spi's timetravel went in 12, the abstime functions too, the SQL_ASCII to MULE_INTERNAL conversion in 13
        source.execute("CREATE FUNCTION public.travel() RETURNS trigger LANGUAGE c AS '$libdir/timetravel', 'timetravel';"
                + " CREATE TABLE public.history (id int, since abstime, until abstime);"
                + " CREATE TRIGGER history_travel BEFORE INSERT OR UPDATE OR DELETE ON public.history"
                + "   FOR EACH ROW EXECUTE PROCEDURE public.travel(since, until);"
                + " CREATE FUNCTION public.to_abstime(cstring) RETURNS abstime LANGUAGE internal IMMUTABLE STRICT AS 'abstimein';"
                + " CREATE CONVERSION public.ascii_mic FOR 'SQL_ASCII' TO 'MULE_INTERNAL' FROM ascii_to_mic");

        Finding finding = fired(Validations.offline(source, target), "code-missing-on-target", Severity.FAILED,
                "function public.travel()", "function public.to_abstime(cstring)", "conversion ascii_mic");

        assertThat(finding.objects()).hasSize(3);
        assertThat(finding.message()).contains("function public.travel(): the target cannot load its code: could not access file"
                        + " \"$libdir/timetravel\"", "depending on it: trigger history_travel on table public.history",
                "it names the built-in function abstimein", "it uses the function ascii_to_mic, which the target does not have");
        assertThat(finding.remediation()).contains("built for its PostgreSQL 17");
    }

    @Test
    void aClean11SourcePassesEveryCrossVersionRule(@Pg(value = 11, instance = "source") TestDatabase source,
                                                    @Pg(value = 17, instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE public.plain (a int, at timestamptz); CREATE AGGREGATE public.total(int) (sfunc = int4pl, stype = int)");

        ValidationReport report = Validations.offline(source, target);

        CROSS_VERSION.forEach(rule -> passed(report, rule));
    }

    @Test
    void theSameObjectsAreFineFrom11To11(@Pg(value = 11, instance = "source") TestDatabase source,
                                         @Pg(value = 11, instance = "target") TestDatabase target) {
        source.execute(OLD_FEATURES);

        ValidationReport report = Validations.offline(source, target);

        CROSS_VERSION.forEach(rule -> skipped(report, rule));
        passed(report, "version-no-downgrade");
    }

    @Test
    void aTargetOfAnOlderMajorFails(@Pg(value = 17, instance = "source") TestDatabase source,
                                    @Pg(value = 11, instance = "target") TestDatabase target) {
        ValidationReport report = Validations.offline(source, target);

        Finding finding = fired(report, "version-no-downgrade", Severity.FAILED, target.endpoint().toString());
        assertThat(finding.message()).contains("PostgreSQL 11, older than the source's PostgreSQL 17");
    }

    @Test
    void aSourceBelowTheMinimumFails(@Pg(value = 11, instance = "source") TestDatabase source,
                                     @Pg(value = 17, instance = "target") TestDatabase target) {
        // no server older than 11 runs here: a rule with a floor of 12 shows the check on a real 11
        Validator atLeast12 = Validator.of(List.of(new VersionMinimumSourceRuleAt12()));
        ValidationReport report = atLeast12.validate(Migration.from(source.endpoint()).to(target.endpoint()).request());

        Finding finding = fired(report, "version-minimum-source", Severity.FAILED, source.endpoint().toString());
        assertThat(finding.message()).contains(") runs PostgreSQL 11; pgmigrate migrates from PostgreSQL 12 or newer");
    }

    @Test
    void columnsOfRegTypesWarn(@Pg(value = 17, instance = "source") TestDatabase source, @Pg(value = 17, instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE public.registry (rel regclass, fns regproc[], who regrole, plain oid)");

        ValidationReport report = Validations.offline(source, target);

        Finding finding = fired(report, "reg-type-columns", Severity.WARNING, "public.registry.rel (regclass)",
                "public.registry.fns (regproc[])", "public.registry.who (regrole)");
        assertThat(finding.objects()).hasSize(3);
    }

    @Test
    void noRegTypeColumnPasses(@Pg(value = 17, instance = "source") TestDatabase source, @Pg(value = 17, instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE public.registry (name text, plain oid)");

        passed(Validations.offline(source, target), "reg-type-columns");
    }

    /** The built-in rule with a higher floor. */
    static final class VersionMinimumSourceRuleAt12 extends org.pgmigrate.validation.rules.versions.VersionMinimumSourceRule {
        VersionMinimumSourceRuleAt12() {
            super(120000);
        }
    }
}
