package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * Security labels whose provider the target has not loaded. The test servers load no label
 * provider (zonky's binaries hold neither sepgsql nor the dummy_seclabel test module), so the
 * source's labels are written into its catalogs directly, as a provider would have stored them;
 * the path where the provider is loaded on the target cannot run here.
 */
@ExtendWith(PostgresExtension.class)
class SecurityLabelsIT {
    @Test
    void labelsOfAProviderTheTargetLacksAreNamedInAWarningAndTheRestMigrates(@Pg(instance = "source") TestDatabase source,
                                                                            @Pg(instance = "target") TestDatabase target) {
        source.execute(String.join(";\n",
                "CREATE TABLE public.secret (id int, code text)",
                "INSERT INTO public.secret VALUES (1, 'a')",
                "CREATE FUNCTION public.peek() RETURNS int LANGUAGE sql AS 'SELECT 1'",
                "INSERT INTO pg_catalog.pg_seclabel VALUES ('public.secret'::regclass, 'pg_class'::regclass, 0, 'selinux',"
                        + " 'system_u:object_r:sepgsql_table_t:s0')",
                "INSERT INTO pg_catalog.pg_seclabel VALUES ('public.secret'::regclass, 'pg_class'::regclass, 2, 'selinux',"
                        + " 'system_u:object_r:sepgsql_secret_table_t:s0')",
                "INSERT INTO pg_catalog.pg_seclabel VALUES ('public.peek()'::regprocedure, 'pg_proc'::regclass, 0, 'label \"odd\"',"
                        + " 'it''s classified')",
                "INSERT INTO pg_catalog.pg_shseclabel SELECT oid, 'pg_database'::regclass, 'selinux', 'system_u:object_r:sepgsql_db_t:s0'"
                        + " FROM pg_database WHERE datname = current_database()"));
        try {
            // verification, on by default, leaves out the labels the migration could not set
            MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).execute();

            assertThat(result.warnings()).filteredOn(w -> w.code().equals("security-labels-not-migrated"))
                    .extracting(MigrationWarning::message, MigrationWarning::objects)
                    .containsExactly(
                            tuple("The security label provider \"label \"\"odd\"\"\" is not loaded on the target,"
                                    + " so the labels it gave these objects were not set there. Load it on the target (e.g."
                                    + " shared_preload_libraries), then run SECURITY LABEL FOR \"label \"\"odd\"\"\" ON ... for each.",
                                    List.of("function public.peek()")),
                            tuple("The security label provider \"selinux\" is not loaded on the target,"
                                    + " so the labels it gave these objects were not set there. Load it on the target (e.g."
                                    + " shared_preload_libraries), then run SECURITY LABEL FOR \"selinux\" ON ... for each.",
                                    List.of("table public.secret", "table column public.secret.code", "database")));
            assertThat(target.queryValue("SELECT count(*) FROM public.secret")).isEqualTo("1");
            assertThat(target.queryValue("SELECT count(*) FROM pg_seclabel")).isEqualTo("0");
        } finally {
            // the database label lives in a catalog of the whole server
            source.execute("DELETE FROM pg_catalog.pg_shseclabel WHERE objoid = (SELECT oid FROM pg_database WHERE datname = current_database())");
        }
    }
}
