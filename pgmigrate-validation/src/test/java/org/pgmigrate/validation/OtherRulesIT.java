package org.pgmigrate.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pgmigrate.validation.Validations.fired;
import static org.pgmigrate.validation.Validations.passed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pgmigrate.Finding;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.Severity;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** Tablespaces, kinds of objects this version does not migrate, and invalid indexes. */
@ExtendWith(PostgresExtension.class)
class OtherRulesIT {
    @Test
    void aSourceWithNoneOfThemPasses(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE public.t (id int PRIMARY KEY); CREATE INDEX t_id ON public.t (id); CREATE EXTENSION file_fdw");

        ValidationReport report = Validations.offline(source, target);

        passed(report, "custom-tablespaces");
        passed(report, "unsupported-objects");
        passed(report, "invalid-indexes");
    }

    @Test
    void relationsInTablespacesTheTargetLacksWarn(@Pg(instance = "source") PostgresServer server, @Pg(instance = "target") TestDatabase target,
                                           @TempDir Path dir) throws Exception {
        Path location = Files.createDirectory(dir.resolve("val_space"));
        server.execute("postgres", "CREATE TABLESPACE val_space LOCATION '" + location + "'");
        try (ExtraDatabase source = ExtraDatabase.create(server, "")) {
            source.execute("CREATE TABLE public.fast (id int) TABLESPACE val_space; CREATE INDEX fast_id ON public.fast (id) TABLESPACE val_space;"
                    + " CREATE TABLE public.plain (id int)");

            ValidationReport report = Validations.validate(source.endpoint(), target.endpoint(), MigrationMode.OFFLINE, 2);

            Finding finding = fired(report, "custom-tablespaces", Severity.WARNING, "public.fast (tablespace val_space)",
                    "public.fast_id (tablespace val_space)");
            assertThat(finding.objects()).hasSize(2);
        } finally {
            server.execute("postgres", "DROP TABLESPACE val_space");
        }
    }

    @Test
    void subscriptionsAreLeftOutUnlessAskedFor(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE EXTENSION file_fdw; CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;"
                + " CREATE USER MAPPING FOR postgres SERVER files;"
                + " CREATE FOREIGN TABLE public.passwd (line text) SERVER files OPTIONS (filename '/dev/null');"
                + " CREATE TABLE public.t (id int); CREATE PUBLICATION everything FOR TABLE public.t;"
                + " CREATE FUNCTION public.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END';"
                + " CREATE EVENT TRIGGER audit_ddl ON ddl_command_end EXECUTE FUNCTION public.on_ddl()");
        source.execute("CREATE SUBSCRIPTION \"From Elsewhere\" CONNECTION 'dbname=nowhere' PUBLICATION p WITH (connect = false)");
        try {
            Finding finding = fired(Validations.offline(source, target), "unsupported-objects", Severity.WARNING,
                    "subscription \"From Elsewhere\"");
            assertThat(finding.objects()).as("foreign data, publications and event triggers are migrated").hasSize(1);
            assertThat(finding.remediation()).contains("--subscriptions");
        } finally {
            // a subscription belongs to the server's catalog; the test's database is dropped with it gone
            source.execute("DROP EVENT TRIGGER audit_ddl; ALTER SUBSCRIPTION \"From Elsewhere\" SET (slot_name = NONE);"
                    + " DROP SUBSCRIPTION \"From Elsewhere\"");
        }
    }

    @Test
    void invalidIndexesWarn(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) throws SQLException {
        source.execute("CREATE TABLE public.t (id int); INSERT INTO public.t VALUES (1), (1)");
        try (Connection c = source.connect(); Statement s = c.createStatement()) {
            // a concurrent unique build that meets duplicates leaves its index behind, invalid
            assertThatThrownBy(() -> s.execute("CREATE UNIQUE INDEX CONCURRENTLY t_id_unique ON public.t (id)")).isInstanceOf(SQLException.class);
        }

        fired(Validations.offline(source, target), "invalid-indexes", Severity.WARNING, "public.t_id_unique");
    }
}
