package org.pgmigrate.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.validation.Validations.as;
import static org.pgmigrate.validation.Validations.fired;
import static org.pgmigrate.validation.Validations.loginRole;
import static org.pgmigrate.validation.Validations.passed;
import static org.pgmigrate.validation.Validations.role;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Endpoint;
import org.pgmigrate.Finding;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.Severity;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** What the source role may read and the target role may create, checked per schema, table, sequence and large object. */
@ExtendWith(PostgresExtension.class)
class PermissionRulesIT {
    private static final String PASSWORD = "val-secret";

    private static Endpoint reader(TestDatabase source) {
        loginRole(source.server(), "val_reader", PASSWORD, "");
        return as(source, "val_reader", PASSWORD);
    }

    private static Endpoint writer(TestDatabase target) {
        loginRole(target.server(), "val_writer", PASSWORD, "");
        return as(target, "val_writer", PASSWORD);
    }

    private static void sourceObjects(TestDatabase source) {
        source.execute("CREATE SCHEMA locked; CREATE TABLE locked.hidden (id int);"
                + " CREATE TABLE public.secret (id int); CREATE TABLE public.open (id int);"
                + " CREATE SEQUENCE public.counter; SELECT lo_create(424200);");
    }

    @Test
    void aSourceRoleWithoutPrivilegesIsToldWhatToGrant(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        sourceObjects(source);
        Endpoint reader = reader(source);
        source.execute("GRANT SELECT ON public.open TO val_reader");

        ValidationReport report = Validations.validate(reader, target.endpoint(), MigrationMode.OFFLINE, 2);

        Finding schemas = fired(report, "source-schema-usage", Severity.FAILED, "locked");
        assertThat(schemas.remediation()).contains("GRANT USAGE ON SCHEMA locked TO val_reader;");
        Finding tables = fired(report, "source-table-select", Severity.FAILED, "locked.hidden", "public.secret");
        assertThat(tables.objects()).doesNotContain("public.open");
        assertThat(tables.remediation()).contains("GRANT SELECT ON public.secret TO val_reader;");
        fired(report, "source-sequence-select", Severity.FAILED, "public.counter");
        fired(report, "source-large-object-select", Severity.FAILED, "large object 424200");
    }

    @Test
    void aSourceRoleWithEveryGrantPasses(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        sourceObjects(source);
        Endpoint reader = reader(source);
        source.execute("GRANT USAGE ON SCHEMA locked TO val_reader; GRANT SELECT ON ALL TABLES IN SCHEMA public, locked TO val_reader;"
                + " GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO val_reader; GRANT SELECT ON LARGE OBJECT 424200 TO val_reader");

        ValidationReport report = Validations.validate(reader, target.endpoint(), MigrationMode.OFFLINE, 2);

        passed(report, "source-schema-usage");
        passed(report, "source-table-select");
        passed(report, "source-sequence-select");
        passed(report, "source-large-object-select");
    }

    @Test
    void aTargetRoleThatMayNotCreateIsToldWhatToGrant(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        role(source.server(), "val_owner");
        role(target.server(), "val_owner");
        source.execute("CREATE SCHEMA shop; CREATE TABLE public.t (id int); CREATE TABLE shop.orders (id int);"
                + " ALTER TABLE shop.orders OWNER TO val_owner;"
                + " CREATE FUNCTION public.handler() RETURNS language_handler AS '$libdir/plpgsql', 'plpgsql_call_handler' LANGUAGE c;"
                + " CREATE ACCESS METHOD val_hash TYPE INDEX HANDLER hashhandler;"
                + " CREATE OPERATOR CLASS public.val_text_ops FOR TYPE text USING val_hash AS OPERATOR 1 =, FUNCTION 1 hashtext(text);"
                + " CREATE TYPE public.val_pair AS (a int); CREATE CAST (public.val_pair AS integer) WITH INOUT;"
                + " CREATE CAST (real AS oid) WITHOUT FUNCTION");
        Endpoint writer = writer(target);

        ValidationReport report = Validations.validate(source.endpoint(), writer, MigrationMode.OFFLINE, 2);

        Finding database = fired(report, "target-database-create", Severity.FAILED, "shop");
        assertThat(database.remediation()).contains("GRANT CREATE ON DATABASE " + target.name() + " TO val_writer;");
        fired(report, "target-schema-create", Severity.FAILED, "public");
        fired(report, "target-owner-membership", Severity.FAILED, "val_owner");
        Finding superuserOnly = fired(report, "superuser-only-objects", Severity.FAILED, "function public.handler() (language c)",
                "access method val_hash", "operator family public.val_text_ops", "operator class public.val_text_ops",
                "cast real AS oid (without function)");
        assertThat(superuserOnly.objects()).hasSize(5);
        // with what depends on each, which cannot be created either
        assertThat(superuserOnly.message()).contains("access method val_hash: only a superuser may create it; depending on it:"
                + " operator class public.val_text_ops for access method val_hash");
        passed(report, "target-writable");
    }

    @Test
    void aTargetRoleThatOwnsTheDatabaseAndTheOwnersPasses(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") PostgresServer server) {
        role(source.server(), "val_owner");
        role(server, "val_owner");
        source.execute("CREATE SCHEMA shop AUTHORIZATION val_owner; CREATE TABLE public.t (id int); CREATE TABLE shop.orders (id int);"
                + " ALTER TABLE shop.orders OWNER TO val_owner; ALTER TABLE public.t OWNER TO val_owner");
        loginRole(server, "val_member", PASSWORD, "");
        server.execute("postgres", "GRANT val_owner TO val_member");
        server.execute("postgres", "CREATE DATABASE val_owned OWNER val_member TEMPLATE template0");
        try {
            Endpoint member = Endpoint.builder().jdbcUrl(server.jdbcUrl("val_owned")).user("val_member").password(PASSWORD).build();

            ValidationReport report = Validations.validate(source.endpoint(), member, MigrationMode.OFFLINE, 2);

            passed(report, "target-database-create");
            passed(report, "target-schema-create");
            passed(report, "target-owner-membership");
            passed(report, "superuser-only-objects");
        } finally {
            server.execute("postgres", "DROP DATABASE val_owned");
        }
    }

    @Test
    void aReadOnlyTargetFails(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        target.execute("ALTER DATABASE " + target.name() + " SET default_transaction_read_only = on");

        ValidationReport report = Validations.offline(source, target);

        Finding finding = fired(report, "target-writable", Severity.FAILED, target.name());
        assertThat(finding.remediation()).contains("SET default_transaction_read_only = off");
    }
}
