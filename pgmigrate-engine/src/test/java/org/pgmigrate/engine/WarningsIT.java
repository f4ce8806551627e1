package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.RoleSelection;
import org.pgmigrate.VerificationPolicy;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** What cannot be migrated is named in warnings, and the rest still migrates. */
@ExtendWith(PostgresExtension.class)
class WarningsIT {
    @Test
    void missingRolesAreNamedAndTheRestMigrates(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'only_on_source') THEN CREATE ROLE only_on_source; END IF; END $$;"
                + "CREATE TABLE kept (id int PRIMARY KEY); INSERT INTO kept VALUES (1), (2), (3);"
                + "CREATE TABLE owned_elsewhere (x int); ALTER TABLE owned_elsewhere OWNER TO only_on_source;"
                + "GRANT SELECT ON kept TO only_on_source;"
                + "CREATE FUNCTION ddl_log() RETURNS event_trigger LANGUAGE plpgsql AS $f$ BEGIN END $f$;"
                + "CREATE EVENT TRIGGER \"log ddl\" ON ddl_command_end EXECUTE FUNCTION ddl_log();"
                + "CREATE PUBLICATION everything FOR ALL TABLES;");

        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).roles(RoleSelection.NONE).execute();

        assertThat(result.warnings()).extracting(MigrationWarning::code).contains("role-missing").doesNotContain("unsupported-object");
        assertThat(target.queryColumn("SELECT evtname::text FROM pg_event_trigger")).containsExactly("log ddl");
        assertThat(target.queryColumn("SELECT pubname::text FROM pg_publication")).containsExactly("everything");
        MigrationWarning role = result.warnings().stream().filter(w -> w.code().equals("role-missing")).findFirst().orElseThrow();
        assertThat(role.message()).contains("only_on_source").contains("Create the role");
        assertThat(role.objects()).anyMatch(o -> o.contains("owned_elsewhere")).anyMatch(o -> o.contains("kept")).doesNotHaveDuplicates();
        assertThat(target.queryValue("SELECT count(*) FROM kept")).isEqualTo("3");
        assertThat(target.queryValue("SELECT tableowner FROM pg_tables WHERE tablename = 'owned_elsewhere'")).isEqualTo("postgres");
    }

    @Test
    void privilegesOfSystemObjectsTheTargetUserMayNotChangeAreNamed(@Pg(instance = "source") TestDatabase source,
                                                                    @Pg(instance = "target") TestDatabase target) {
        String roles = "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'privs_app') THEN"
                + " CREATE ROLE privs_app LOGIN PASSWORD 'privs-app-secret'; CREATE ROLE privs_auditor; END IF; END $$";
        source.execute(roles + "; CREATE TABLE public.t (id int); INSERT INTO public.t VALUES (1); ALTER TABLE public.t OWNER TO privs_app;"
                + " GRANT SELECT ON pg_catalog.pg_statistic TO privs_auditor;"
                + " REVOKE EXECUTE ON FUNCTION pg_catalog.pg_conf_load_time() FROM PUBLIC");
        target.execute(roles + "; ALTER DATABASE " + target.name() + " OWNER TO privs_app");

        MigrationResult result = Migration.from(source.endpoint())
                .to(org.pgmigrate.Endpoint.of(target.server().uri("privs_app", target.name()), "privs-app-secret"))
                // what it may not do differs, and is named: verification warns instead of failing
                .roles(RoleSelection.NONE).verification(org.pgmigrate.VerificationPolicy.WARN_ON_DIFFERENCE).execute();

        assertThat(result.warnings()).filteredOn(w -> w.code().equals("privileges-not-set")).singleElement()
                .satisfies(w -> assertThat(w.objects()).satisfiesExactlyInAnyOrder(
                        o -> assertThat(o).startsWith("GRANT SELECT ON TABLE pg_catalog.pg_statistic TO \"privs_auditor\" (")
                                .contains("permission denied"),
                        // a REVOKE the user may not do only warns
                        o -> assertThat(o).startsWith("REVOKE EXECUTE ON FUNCTION pg_catalog.pg_conf_load_time() FROM PUBLIC (")
                                .contains("no privileges could be revoked")));
        assertThat(target.queryValue("SELECT count(*) FROM public.t")).isEqualTo("1");
    }

    @Test
    void extensionsComeWithTheRowsUsersAddedToTheirConfigurationTables(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        String script = "CREATE TABLE pgm_settings (k text PRIMARY KEY, v text, standard boolean NOT NULL DEFAULT false);"
                + "INSERT INTO pgm_settings VALUES ('shipped', 'by the extension', true);"
                + "SELECT pg_catalog.pg_extension_config_dump('pgm_settings', 'WHERE NOT standard');";
        source.server().installExtension("pgm_config", "1.0", script);
        target.server().installExtension("pgm_config", "1.0", script);
        source.execute("CREATE EXTENSION pgm_config; INSERT INTO pgm_settings (k, v) VALUES ('mine', 'added by the user'), ('tab', E'a\\tb')");

        Migration.from(source.endpoint()).to(target.endpoint()).execute();

        assertThat(target.queryColumn("SELECT k || '=' || v || '/' || standard FROM pgm_settings ORDER BY k"))
                .containsExactly("mine=added by the user/false", "shipped=by the extension/true", "tab=a\tb/false");
        assertThat(target.queryValue("SELECT extversion FROM pg_extension WHERE extname = 'pgm_config'")).isEqualTo("1.0");
    }

    @Test
    void aChildWithAColumnGeneratedFromALaterOneTakesItsParentsOrderBefore17(@Pg(value = 16, instance = "source") TestDatabase source,
                                                                            @Pg(value = 16, instance = "source") TestDatabase target) {
        source.execute("CREATE TABLE measures (id int, width int, area int GENERATED ALWAYS AS (width * 2) STORED);"
                + "CREATE TABLE wide_measures (area int GENERATED ALWAYS AS (width * 3) STORED, width int, id int);"
                // the parent's new column makes wide_measures no longer all its own: it cannot be made on its own
                + "ALTER TABLE wide_measures INHERIT measures; ALTER TABLE measures ADD COLUMN note text;"
                + "CREATE TABLE own_measures (area int GENERATED ALWAYS AS (width * 4) STORED, width int, id int, note text);"
                + "ALTER TABLE own_measures INHERIT measures; INSERT INTO wide_measures (id, width) VALUES (1, 10)");

        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint())
                .verification(VerificationPolicy.WARN_ON_DIFFERENCE).execute();

        assertThat(result.warnings()).filteredOn(w -> w.code().equals("column-order")).singleElement()
                .satisfies(w -> assertThat(w.objects()).containsExactly("\"public\".\"wide_measures\""));
        assertThat(target.queryColumn("SELECT attname::text FROM pg_attribute WHERE attrelid = 'wide_measures'::regclass AND attnum > 0"
                + " ORDER BY attnum")).containsExactly("id", "width", "area", "note");
        // a child whose columns are all its own is made on its own and attached: its order is kept
        assertThat(target.queryColumn("SELECT attname::text FROM pg_attribute WHERE attrelid = 'own_measures'::regclass AND attnum > 0"
                + " ORDER BY attnum")).containsExactly("area", "width", "id", "note");
        assertThat(target.queryValue("SELECT area FROM wide_measures")).isEqualTo("30");
        // what the warning says is what verification finds, and nothing else
        assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.differences())
                .isNotEmpty().allMatch(d -> d.object().startsWith("table column public.wide_measures.")));
    }

    @Test
    void anExtensionTheTargetLacksStopsTheMigrationBeforeAnyChange(@Pg(value = 16, instance = "source") TestDatabase source,
                                                                   @Pg(instance = "target") TestDatabase target) {
        // extension files go to the binaries of a major, shared by its servers: only 16 gets this one
        source.server().installExtension("pgm_only_here", "2.0", "CREATE FUNCTION pgm_only_here() RETURNS int LANGUAGE sql AS 'SELECT 1';");
        source.execute("CREATE EXTENSION pgm_only_here; CREATE TABLE t (x int)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Migration.from(source.endpoint()).to(target.endpoint()).execute())
                .hasMessageContaining("pgm_only_here").hasMessageContaining("nothing was changed");
        assertThat(target.queryValue("SELECT count(*) FROM pg_class WHERE relname = 't'")).isEqualTo("0");
    }
}
