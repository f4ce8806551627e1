package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** Event triggers arrive last and as they were, and never fire on the migration's own statements. */
@ExtendWith(PostgresExtension.class)
class EventTriggersIT {
    @Test
    void oneThatForbidsDdlAndOneThatLogsItNeitherBlockNorSeeTheMigration(@Pg(instance = "source") TestDatabase source,
                                                                          @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE public.ddl_log (tag text); CREATE TABLE public.t (id int PRIMARY KEY); INSERT INTO public.t VALUES (1);"
                + " CREATE INDEX t_id ON public.t (id);"
                + " CREATE FUNCTION public.forbid_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$"
                + "   BEGIN RAISE EXCEPTION 'no DDL in this database: %', tg_tag; END $$;"
                + " CREATE FUNCTION public.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$"
                + "   BEGIN INSERT INTO public.ddl_log VALUES (tg_tag); END $$;"
                + " CREATE EVENT TRIGGER \"Forbid DDL\" ON ddl_command_start EXECUTE FUNCTION public.forbid_ddl();"
                + " CREATE EVENT TRIGGER log_ddl ON ddl_command_end WHEN TAG IN ('DROP TABLE', 'DROP SCHEMA', 'CREATE INDEX')"
                + "   EXECUTE FUNCTION public.log_ddl();"
                + " ALTER EVENT TRIGGER log_ddl ENABLE ALWAYS;"
                + " COMMENT ON EVENT TRIGGER \"Forbid DDL\" IS 'Schema changes go through review'");

        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).execute();

        assertThat(result.completed()).isTrue();
        assertThat(target.queryValue("SELECT count(*) FROM public.ddl_log")).as("rows logged on the target").isEqualTo("0");
        assertThat(target.queryValue("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgmigrate'")).as("journal removed").isEqualTo("0");
        assertThatDatabase(target).isEquivalentTo(source);
    }
}
