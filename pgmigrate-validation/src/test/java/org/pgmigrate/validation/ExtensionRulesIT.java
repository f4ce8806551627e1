package org.pgmigrate.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.validation.Validations.PRELOAD_PG_STAT_STATEMENTS;
import static org.pgmigrate.validation.Validations.WAL_LOGICAL;
import static org.pgmigrate.validation.Validations.as;
import static org.pgmigrate.validation.Validations.fired;
import static org.pgmigrate.validation.Validations.loginRole;
import static org.pgmigrate.validation.Validations.passed;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Endpoint;
import org.pgmigrate.Finding;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationRequest;
import org.pgmigrate.Severity;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.testkit.LibraryOnlyHere;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;
import org.pgmigrate.validation.rules.extensions.ExtensionDenyListRule;

/** Extensions the target must offer, preload, and let the target role create. */
@ExtendWith(PostgresExtension.class)
class ExtensionRulesIT {
    private static final String SCRIPT = "CREATE FUNCTION @extschema@.%s_version() RETURNS text LANGUAGE sql AS $$ SELECT '%s'::text $$;";

    @Test
    void extensionsMissingOrOlderOnTheTargetFailAndNewerOnesWarn(@Pg(value = 11, instance = "source") TestDatabase source,
                                                                  @Pg(value = 17, instance = "target") TestDatabase target) {
        // extensions of the test's own making: the 11 server has 2.0 of one and 1.0 of the other, the 17 server the reverse
        source.server().installExtension("pgmv_older", "2.0", String.format(SCRIPT, "pgmv_older", "2.0"));
        target.server().installExtension("pgmv_older", "1.0", String.format(SCRIPT, "pgmv_older", "1.0"));
        source.server().installExtension("pgmv_newer", "1.0", String.format(SCRIPT, "pgmv_newer", "1.0"));
        target.server().installExtension("pgmv_newer", "2.0", String.format(SCRIPT, "pgmv_newer", "2.0"));
        // adminpack ships with 11 and was removed in 17
        source.execute("CREATE EXTENSION adminpack; CREATE EXTENSION pgmv_older; CREATE EXTENSION pgmv_newer; CREATE EXTENSION citext");

        ValidationReport report = Validations.offline(source, target);

        Finding missing = fired(report, "extension-missing-on-target", Severity.FAILED, "adminpack 2.0");
        assertThat(missing.objects()).containsExactly("adminpack 2.0");
        List<Finding> versions = report.findingsOf("extension-version-on-target");
        assertThat(versions).extracting(Finding::severity).containsExactly(Severity.FAILED, Severity.WARNING);
        assertThat(versions.get(0).objects()).containsExactly("pgmv_older 2.0 (target offers 1.0)");
        assertThat(versions.get(0).message()).contains("only older versions", "pgmv_older 2.0 (target offers 1.0)");
        assertThat(versions.get(1).objects()).containsExactly("pgmv_newer 1.0 (target offers 2.0)");
        assertThat(versions.get(1).remediation()).contains("ALTER EXTENSION");
    }

    @Test
    void extensionsTheTargetOffersInTheSameVersionPass(@Pg(value = 17, instance = "source") TestDatabase source,
                                                       @Pg(value = 17, instance = "target") TestDatabase target) {
        source.execute("CREATE EXTENSION citext; CREATE EXTENSION pg_trgm");

        ValidationReport report = Validations.offline(source, target);

        passed(report, "extension-missing-on-target");
        passed(report, "extension-version-on-target");
        passed(report, "extension-needs-preload");
        passed(report, "extension-deny-list");
        passed(report, "c-functions-outside-extensions");
    }

    @Test
    void anExtensionWhoseLibraryTheTargetDoesNotPreloadFails(@Pg(value = 17, instance = "source") TestDatabase source,
                                                              @Pg(value = 17, instance = "target") TestDatabase target) {
        source.execute("CREATE EXTENSION pg_stat_statements");

        Finding finding = fired(Validations.offline(source, target), "extension-needs-preload", Severity.FAILED, "pg_stat_statements");
        assertThat(finding.remediation()).contains("shared_preload_libraries", "restart");
    }

    @Test
    void anExtensionWhoseLibraryTheTargetPreloadsPasses(@Pg(value = 17, instance = "source") TestDatabase source,
            @Pg(value = 17, instance = "online", settings = {WAL_LOGICAL, PRELOAD_PG_STAT_STATEMENTS}) TestDatabase target) {
        source.execute("CREATE EXTENSION pg_stat_statements");

        passed(Validations.offline(source, target), "extension-needs-preload");
    }

    @Test
    void aDeniedExtensionFails(@Pg(value = 17, instance = "source") TestDatabase source, @Pg(value = 17, instance = "target") TestDatabase target) {
        source.execute("CREATE EXTENSION citext");
        Validator denyingCitext = Validator.of(List.of(new DenyCitext()));

        ValidationReport report = denyingCitext.validate(Migration.from(source.endpoint()).to(target.endpoint()).request());

        fired(report, "deny-citext", Severity.FAILED, "citext");
        passed(Validations.offline(source, target), "extension-deny-list");
    }

    @Test
    void extensionsOnlyASuperuserCanCreateFailForAnotherTargetRole(@Pg(value = 17, instance = "source") TestDatabase source,
                                                                   @Pg(value = 17, instance = "target") TestDatabase target) {
        source.execute("CREATE EXTENSION pg_buffercache; CREATE EXTENSION citext");
        loginRole(target.server(), "val_ext_writer", "val-secret", "");
        Endpoint writer = as(target, "val_ext_writer", "val-secret");

        ValidationReport report = Validations.validate(source.endpoint(), writer, MigrationMode.OFFLINE, 2);

        Finding finding = fired(report, "extension-requires-superuser", Severity.FAILED, "pg_buffercache");
        assertThat(finding.objects()).containsExactly("pg_buffercache");
        passed(Validations.offline(source, target), "extension-requires-superuser");
    }

    @Test
    void trustedExtensionsPassForAnotherTargetRole(@Pg(value = 17, instance = "source") TestDatabase source,
                                                   @Pg(value = 17, instance = "target") TestDatabase target) {
        source.execute("CREATE EXTENSION citext");
        loginRole(target.server(), "val_ext_writer", "val-secret", "");

        passed(Validations.validate(source.endpoint(), as(target, "val_ext_writer", "val-secret"), MigrationMode.OFFLINE, 2),
                "extension-requires-superuser");
    }

    @Test
    void cFunctionsOutsideExtensionsWarn(@Pg(value = 17, instance = "source") TestDatabase source, @Pg(value = 17, instance = "target") TestDatabase target) {
        source.execute("CREATE FUNCTION public.handler() RETURNS language_handler AS '$libdir/plpgsql', 'plpgsql_call_handler' LANGUAGE c");

        ValidationReport report = Validations.offline(source, target);

        fired(report, "c-functions-outside-extensions", Severity.WARNING, "public.handler() in $libdir/plpgsql");
        passed(report, "code-missing-on-target");
    }

    @Test
    void codeTheTargetLacksFailsNamingWhatDependsOnIt(@Pg(value = 17, instance = "source") TestDatabase source,
                                                       @Pg(value = 17, instance = "target") TestDatabase target) {
        LibraryOnlyHere.use(source, "moddatetime", probin -> source.execute(
                "CREATE FUNCTION public.val_checked(text) RETURNS boolean LANGUAGE c AS " + probin + ", 'moddatetime'"));
        source.execute("CREATE FUNCTION public.val_stamp() RETURNS trigger LANGUAGE c AS '$libdir/moddatetime', 'moddatetime';"
                + " CREATE TABLE public.val_items (id int, ok boolean DEFAULT public.val_checked('x'));"
                + " CREATE VIEW public.val_checks AS SELECT public.val_checked('y') AS ok");

        Finding finding = fired(Validations.offline(source, target), "code-missing-on-target", Severity.FAILED,
                "function public.val_checked(text)");

        assertThat(finding.objects()).containsExactly("function public.val_checked(text)");
        assertThat(finding.message()).contains("could not access file", "moddatetime_only_here.so",
                "depending on it: default value for column ok of table public.val_items, view public.val_checks");
        assertThat(finding.remediation()).contains("leaveOutUncreatableObjects(true)", "--leave-out-uncreatable");
        // a migration that leaves them out is warned
        MigrationRequest leavingOut = Migration.from(source.endpoint()).to(target.endpoint()).leaveOutUncreatableObjects(true).request();
        Finding warning = fired(Validations.BUILT_IN.validate(leavingOut), "code-missing-on-target", Severity.WARNING,
                "function public.val_checked(text)");
        assertThat(warning.message()).contains("the migration leaves them out");
        // the probes left nothing behind
        assertThat(target.queryColumn("SELECT p.oid::regprocedure::text FROM pg_proc p WHERE p.oid >= 16384"
                + " UNION ALL SELECT nspname::text FROM pg_namespace WHERE oid >= 16384")).isEmpty();
    }

    /** A deny list of one, under an id of its own. */
    static final class DenyCitext extends ExtensionDenyListRule {
        DenyCitext() {
            super("deny-citext", Set.of("citext"));
        }
    }
}
