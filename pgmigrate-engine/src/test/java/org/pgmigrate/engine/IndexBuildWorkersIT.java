package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Migration;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * Index builds start parallel workers only for the jobs that are spare (idle, or with no copy or
 * build waiting for them), and never more than the target allows. An expression index calls a
 * function that fails when a pgmigrate session builds it with another
 * max_parallel_maintenance_workers than the test expects.
 */
@ExtendWith(PostgresExtension.class)
class IndexBuildWorkersIT {
    private static void tableWithGuardedIndex(TestDatabase source, String expected) {
        source.execute("CREATE FUNCTION public.guard(v int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN"
                + " IF current_setting('application_name') = 'pgmigrate' AND current_query() ~* '^\\s*CREATE'"
                + " AND current_setting('max_parallel_maintenance_workers') <> '" + expected + "' THEN"
                + " RAISE EXCEPTION 'built with max_parallel_maintenance_workers %', current_setting('max_parallel_maintenance_workers');"
                + " END IF; RETURN v; END $$");
        // large enough (about 1 MB) to be copied and indexed on its own rather than in a batch of small tables
        source.execute("CREATE TABLE public.t (id int, note text); CREATE INDEX t_guarded ON public.t (public.guard(id));"
                + "INSERT INTO public.t SELECT i, repeat('x', 20) FROM generate_series(1, 20000) i; ANALYZE public.t");
    }

    @Test
    void withEveryJobBusyABuildStartsNoWorkers(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        tableWithGuardedIndex(source, "0");

        Migration.from(source.endpoint()).to(target.endpoint()).jobs(1).execute();

        assertThat(target.queryValue("SELECT count(*) FROM public.t")).isEqualTo("20000");
        assertThat(target.queryValue("SELECT count(*) FROM pg_indexes WHERE indexname = 't_guarded'")).isEqualTo("1");
    }

    @Test
    void spareJobsLendTheirCoresToABuild(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        tableWithGuardedIndex(source, "1");

        // two jobs, one table: while its index builds, the other job is idle or reads the table's
        // rows for verification, which has nothing urgent to go on with after it
        Migration.from(source.endpoint()).to(target.endpoint()).jobs(2).execute();

        assertThat(target.queryValue("SELECT count(*) FROM pg_indexes WHERE indexname = 't_guarded'")).isEqualTo("1");
    }

    @Test
    void neverMoreWorkersThanTheTargetAllows(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        // on the source too, or verification would find the databases' settings differ
        for (TestDatabase database : List.of(source, target)) {
            database.execute("ALTER DATABASE \"" + database.name() + "\" SET max_parallel_maintenance_workers = 1");
        }
        tableWithGuardedIndex(source, "1");

        // four jobs, three of them spare
        Migration.from(source.endpoint()).to(target.endpoint()).jobs(4).execute();

        assertThat(target.queryValue("SELECT count(*) FROM pg_indexes WHERE indexname = 't_guarded'")).isEqualTo("1");
    }
}
