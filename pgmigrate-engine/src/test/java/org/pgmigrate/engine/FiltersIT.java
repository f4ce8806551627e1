package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.DatabasePlan;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.Phase;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.PlannedTable;
import org.pgmigrate.TableResult;
import org.pgmigrate.VerificationReport;
import org.pgmigrate.testkit.DatabaseObjectKind;
import org.pgmigrate.testkit.SampleDatabase;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * Filters take exactly what they select, refuse before the target changes when a taken object
 * depends on one left out, and a dry run shows all of it while changing nothing. The target is
 * checked with catalog queries of the test's own and with the testkit's equivalence assertion
 * against a source from which the excluded objects were dropped.
 */
@ExtendWith(PostgresExtension.class)
class FiltersIT {
    private static final String SCHEMA = "CREATE EXTENSION citext;"
            + "CREATE SCHEMA app; CREATE SCHEMA archive;"
            + "CREATE TABLE app.customers (id int PRIMARY KEY, name text);"
            + "INSERT INTO app.customers SELECT g, 'customer ' || g FROM generate_series(1, 100) g;"
            + "CREATE TABLE app.orders (id serial PRIMARY KEY, customer_id int REFERENCES app.customers, note text);"
            + "INSERT INTO app.orders (customer_id, note) SELECT 1 + g % 100, 'order ' || g FROM generate_series(1, 500) g;"
            + "CREATE INDEX orders_note ON app.orders (note);"
            + "CREATE VIEW app.recent_orders AS SELECT id, note FROM app.orders WHERE id > 400;"
            + "CREATE TABLE app.events (id bigint PRIMARY KEY, payload text);"
            + "INSERT INTO app.events SELECT g, repeat('x', 100) FROM generate_series(1, 2000) g;"
            + "CREATE INDEX events_payload ON app.events (payload);"
            + "CREATE TABLE app.audit_log (id int, what text); INSERT INTO app.audit_log VALUES (1, 'a');"
            + "CREATE TABLE app.audit_login (id int); INSERT INTO app.audit_login VALUES (1);"
            + "CREATE TABLE app.\"Audit_Mixed\" (id int);"
            + "CREATE TYPE archive.mood AS ENUM ('ok', 'sad');"
            + "CREATE TABLE archive.old_orders (id int PRIMARY KEY, mood archive.mood);"
            + "INSERT INTO archive.old_orders VALUES (1, 'ok');"
            + "CREATE FUNCTION archive.forty_two() RETURNS int LANGUAGE sql AS 'SELECT 42';"
            + "ANALYZE;";

    private static List<String> tables(TestDatabase db) {
        return db.queryColumn("SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'i') AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                + " AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1");
    }

    private static List<String> schemas(TestDatabase db) {
        return db.queryColumn("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg_%' AND nspname <> 'information_schema' ORDER BY 1");
    }

    private static List<String> extensions(TestDatabase db) {
        return db.queryColumn("SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1");
    }

    private static List<String> userObjects(TestDatabase db) {
        return db.queryColumn("SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
                + " UNION ALL SELECT nspname::text FROM pg_namespace WHERE nspname NOT LIKE 'pg_%' AND nspname NOT IN ('public', 'information_schema')"
                + " UNION ALL SELECT extname::text FROM pg_extension WHERE extname <> 'plpgsql'");
    }

    @Test
    void excludesSchemasTablesByNameAndPatternTableDataAndExtensions(@Pg(instance = "source") TestDatabase source,
                                                                       @Pg(instance = "target") TestDatabase target) {
        source.execute(SCHEMA);
        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint())
                .excludeSchemas("archive").excludeTables("app.audit_*", "APP.\"Audit_Mixed\"").excludeTableData("app.events")
                .excludeExtensions("citext").execute();

        assertThat(schemas(target)).containsExactly("app", "public");
        assertThat(extensions(target)).isEmpty();
        assertThat(tables(target)).containsExactly("app.customers", "app.customers_pkey", "app.events", "app.events_payload",
                "app.events_pkey", "app.orders", "app.orders_id_seq", "app.orders_note", "app.orders_pkey", "app.recent_orders");
        assertThat(target.queryValue("SELECT count(*) FROM app.events")).isEqualTo("0");
        assertThat(target.queryValue("SELECT count(*) FROM app.orders")).isEqualTo("500");
        assertThat(target.queryValue("SELECT count(*) FROM pg_constraint WHERE conname = 'orders_customer_id_fkey'")).isEqualTo("1");
        assertThat(result.tables()).filteredOn(t -> t.name().equals("events")).singleElement()
                .satisfies(t -> assertThat(t.rows()).isZero());
        assertThat(result.tables()).extracting(TableResult::qualifiedName).doesNotContain("app.audit_log", "archive.old_orders");
        assertThat(result.objects()).doesNotContainKeys("extension", "enum type", "function");
        assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.equal()).as(v.differences().toString()).isTrue());

        VerificationReport standalone = Migration.from(source.endpoint()).to(target.endpoint())
                .excludeSchemas("archive").excludeTables("app.audit_*", "app.\"Audit_Mixed\"").excludeTableData("app.events")
                .excludeExtensions("citext").verify();
        assertThat(standalone.equal()).as(standalone.differences().toString()).isTrue();
        VerificationReport withRows = Migration.from(source.endpoint()).to(target.endpoint())
                .excludeSchemas("archive").excludeTables("app.audit_*", "app.\"Audit_Mixed\"").excludeExtensions("citext").verify();
        assertThat(withRows.differences()).as("without excludeTableData the rows of app.events are missing")
                .singleElement().satisfies(d -> assertThat(d.object()).isEqualTo("app.events"));

        source.execute("DROP SCHEMA archive CASCADE; DROP TABLE app.audit_log, app.audit_login, app.\"Audit_Mixed\";"
                + "TRUNCATE app.events; DROP EXTENSION citext");
        assertThatDatabase(target).isEquivalentTo(source);

        target.execute("INSERT INTO app.events VALUES (1, 'stray')");
        VerificationReport stray = Migration.from(source.endpoint()).to(target.endpoint()).excludeTableData("app.events").verify();
        assertThat(stray.differences()).as("a table whose rows are excluded must be empty on the target").singleElement()
                .satisfies(d -> assertThat(d.detail()).contains("0 rows on the source, 1 on the target"));
    }

    @Test
    void includesOnlyTheSchemasAndTablesNamed(@Pg(instance = "source") TestDatabase source,
                                              @Pg(instance = "target") TestDatabase target,
                                              @Pg(instance = "target") TestDatabase secondTarget) {
        source.execute(SCHEMA);
        Migration.from(source.endpoint()).to(target.endpoint()).includeSchemas("arch*").execute();
        assertThat(schemas(target)).containsExactly("archive", "public");
        assertThat(tables(target)).containsExactly("archive.old_orders", "archive.old_orders_pkey");
        assertThat(target.queryValue("SELECT archive.forty_two()")).isEqualTo("42");
        assertThat(extensions(target)).containsExactly("citext");

        Migration.from(source.endpoint()).to(secondTarget.endpoint()).includeTables("app.customers", "orders")
                .excludeSchemas("archive").execute();
        assertThat(tables(secondTarget)).as("orders' owned sequence follows it; the view is not named")
                .containsExactly("app.customers", "app.customers_pkey", "app.orders", "app.orders_id_seq",
                        "app.orders_note", "app.orders_pkey");
        assertThat(secondTarget.queryValue("SELECT count(*) FROM app.orders")).isEqualTo("500");
        assertThat(secondTarget.queryValue("SELECT nextval('app.orders_id_seq')")).isEqualTo("501");
    }

    @Test
    void refusesBeforeChangingTheTargetWhenATakenObjectDependsOnOneLeftOut(@Pg(instance = "source") TestDatabase source,
                                                                             @Pg(instance = "target") TestDatabase target) {
        source.execute(SCHEMA + "CREATE TABLE app.people (name citext, mood archive.mood)");
        assertThatThrownBy(() -> Migration.from(source.endpoint()).to(target.endpoint())
                .excludeTables("app.customers", "app.orders").excludeSchemas("archive").excludeExtensions("citext").execute())
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FILTER_DEPENDENCY))
                .hasMessageContainingAll("view app.recent_orders depends on excluded table app.orders",
                        "table app.people depends on excluded enum type archive.mood",
                        "table app.people depends on excluded extension citext",
                        "Exclude the dependent objects too, or include what they depend on")
                .hasMessageNotContaining("foreign key");
        assertThat(userObjects(target)).isEmpty();

        assertThatThrownBy(() -> Migration.from(source.endpoint()).to(target.endpoint()).excludeTables("app.customers")
                .excludeTables("app.people").execute())
                .hasMessageContaining("foreign key orders_customer_id_fkey on app.orders depends on excluded table app.customers");
        assertThat(userObjects(target)).isEmpty();
    }

    @Test
    void theSampleDatabaseMigratesWithoutOneSchemaAndRefusesToLeaveOutFunctionsItsTriggersCall(
            @Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        SampleDatabase.load(source);
        SampleDatabase.createRoles(target);
        assertThatThrownBy(() -> Migration.from(source.endpoint()).to(target.endpoint()).excludeSchemas("audit").execute())
                .hasMessageContaining("trigger orders_audit on shop.orders depends on excluded function audit.log_order()");
        assertThat(userObjects(target)).isEmpty();

        DatabasePlan partitions = Migration.from(source.endpoint()).to(target.endpoint()).excludeTables("shop.orders").plan().databases().get(0);
        assertThat(partitions.excluded()).as("partitions follow their parent").contains("table shop.orders_2022");
        assertThat(partitions.brokenDependencies()).as("named by the excluded root, once")
                .containsOnlyOnce("foreign key order_items_order_fk on shop.order_items depends on excluded partitioned table shop.orders",
                        "view shop.customer_order_counts depends on excluded partitioned table shop.orders");

        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).excludeSchemas("\"Mixed Case\"").execute();
        assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.equal()).as(v.differences().toString()).isTrue());
        assertThat(schemas(target)).doesNotContain("Mixed Case").contains("shop", "audit");
        // with a filter, as with pg_dump -n, what was granted on system objects stays behind, named
        assertThat(result.warnings()).filteredOn(w -> w.code().equals("system-privileges-not-migrated")).singleElement()
                .satisfies(w -> assertThat(w.objects()).contains("table pg_catalog.pg_authid column rolname",
                        "function pg_catalog.pg_ls_dir(pg_catalog.text)"));
        source.execute("DROP SCHEMA \"Mixed Case\" CASCADE");
        assertThatDatabase(target).ignoring(DatabaseObjectKind.CHANGED_PRIVILEGES).isEquivalentTo(source);
    }

    @Test
    void aPublicationLeavesOutTheTablesAndSchemasTheFilterLeavesOut(@Pg(instance = "source") TestDatabase source,
                                                                    @Pg(instance = "target") TestDatabase target) {
        source.execute(SCHEMA + "CREATE PUBLICATION some_tables FOR TABLE app.customers, archive.old_orders;"
                + "CREATE PUBLICATION whole_schemas FOR TABLES IN SCHEMA app, archive");

        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).excludeSchemas("archive").execute();

        assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.equal()).as(v.differences().toString()).isTrue());
        assertThat(target.queryColumn("SELECT pubname || ': ' || schemaname || '.' || tablename FROM pg_publication_tables"
                + " WHERE pubname = 'some_tables'")).containsExactly("some_tables: app.customers");
        assertThat(target.queryColumn("SELECT n.nspname::text FROM pg_publication_namespace p JOIN pg_namespace n ON n.oid = p.pnnspid"))
                .containsExactly("app");
        source.execute("DROP SCHEMA archive CASCADE");
        assertThatDatabase(target).isEquivalentTo(source);
    }

    @Test
    void anExcludedExtensionTakesItsConfigurationRowsAndForeignTablesFollowTablePatterns(
            @Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        String script = "CREATE TABLE pgm_filter_settings (k text PRIMARY KEY, standard boolean NOT NULL DEFAULT false);"
                + "SELECT pg_catalog.pg_extension_config_dump('pgm_filter_settings', 'WHERE NOT standard');";
        source.server().installExtension("pgm_filter_config", "1.0", script);
        target.server().installExtension("pgm_filter_config", "1.0", script);
        source.execute("CREATE EXTENSION pgm_filter_config; INSERT INTO pgm_filter_settings (k) VALUES ('mine');"
                + "CREATE TABLE kept (id int); INSERT INTO kept VALUES (1);"
                + "CREATE FOREIGN DATA WRAPPER nowhere; CREATE SERVER far FOREIGN DATA WRAPPER nowhere;"
                + "CREATE FOREIGN TABLE remote (id int) SERVER far; CREATE FOREIGN TABLE other_remote (id int) SERVER far");

        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint())
                .excludeExtensions("pgm_filter_*").excludeTables("public.remote").execute();

        assertThat(extensions(target)).isEmpty();
        assertThat(tables(target)).containsExactly("public.kept");
        assertThat(result.tables()).extracting(TableResult::name).containsExactly("kept");
        assertThat(target.queryColumn("SELECT relname::text FROM pg_class WHERE relkind = 'f' ORDER BY 1")).containsExactly("other_remote");
        assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.equal()).as(v.differences().toString()).isTrue());
    }

    @Test
    void aFilteredMigrationFromPostgres11Verifies(@Pg(value = 11, instance = "source") TestDatabase source,
                                                  @Pg(instance = "target") TestDatabase target) {
        source.execute(SCHEMA);
        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint())
                .excludeSchemas("archive").excludeTables("app.audit*").excludeTableData("app.events").execute();

        assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.equal()).as(v.differences().toString()).isTrue());
        assertThat(schemas(target)).containsExactly("app", "public");
        assertThat(target.queryValue("SELECT count(*) FROM app.events")).isEqualTo("0");
        assertThat(target.queryValue("SELECT count(*) FROM app.customers")).isEqualTo("100");
    }

    @Test
    void aDryRunShowsThePlanAndChangesNothing(@Pg(instance = "source") TestDatabase source,
                                              @Pg(instance = "target") TestDatabase target) {
        source.execute(SCHEMA);
        DatabasePlan plan = Migration.from(source.endpoint()).to(target.endpoint())
                .excludeSchemas("archive").excludeTables("app.orders").excludeTableData("app.events").excludeExtensions("citext")
                .plan().databases().get(0);

        assertThat(userObjects(target)).isEmpty();
        assertThat(plan.database()).isEqualTo(source.name());
        assertThat(plan.excluded()).containsExactlyInAnyOrder("schema archive", "extension citext", "table app.orders",
                "sequence app.orders_id_seq", "rows of table app.events");
        assertThat(plan.brokenDependencies()).containsExactly("view app.recent_orders depends on excluded table app.orders");
        assertThat(plan.tables()).extracting(PlannedTable::qualifiedName).containsExactlyInAnyOrder("app.customers", "app.events",
                "app.audit_log", "app.audit_login", "app.\"Audit_Mixed\"");
        assertThat(plan.tables()).filteredOn(t -> t.name().equals("events")).singleElement().satisfies(t -> {
            assertThat(t.dataIncluded()).isFalse();
            assertThat(t.estimatedBytes()).isPositive();
            assertThat(t.estimatedRows()).isEqualTo(2000);
        });
        assertThat(plan.tables()).filteredOn(t -> t.name().equals("customers")).singleElement()
                .satisfies(t -> assertThat(t.dataIncluded()).isTrue());
        assertThat(plan.objects()).containsEntry("table", 5).containsEntry("view", 1).doesNotContainKey("extension");
        assertThat(plan.phases()).containsExactly(Phase.values());
        assertThat(plan.estimatedBytes()).isPositive();
    }
}
