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

/**
 * Pre-data objects are created by several jobs at once, a batch of a hundred waiting only for the
 * batches it needs: objects spread over many batches that depend on each other across them still
 * come out whole.
 */
@ExtendWith(PostgresExtension.class)
class PreDataInParallelIT {
    @Test
    void objectsThatNeedObjectsOfEarlierBatchesWaitForThem(@Pg(instance = "source") TestDatabase source,
                                                           @Pg(instance = "target") TestDatabase target) {
        // a domain and a function every table uses, 240 tables, two parents with 30 children each
        // (inheritance and partitions), and 60 views over tables of batches far apart; with the
        // batches' needs ignored, tables are created before the domain exists
        source.execute("CREATE DOMAIN public.amount AS numeric(12,2) CHECK (VALUE >= 0);"
                + " CREATE FUNCTION public.label(i int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'n' || i $$;"
                + " CREATE TABLE public.parent (id int, note text);"
                + " CREATE TABLE public.measures (id int, at date NOT NULL) PARTITION BY RANGE (at);"
                + " DO $$ BEGIN FOR i IN 1..240 LOOP"
                + " EXECUTE format('CREATE TABLE public.t%s (id int PRIMARY KEY, a public.amount, l text DEFAULT public.label(%s))', i, i);"
                + " EXECUTE format('INSERT INTO public.t%s (id, a) VALUES (1, %s)', i, i);"
                + " END LOOP;"
                + " FOR i IN 1..30 LOOP"
                + " EXECUTE format('CREATE TABLE public.c%s (extra int) INHERITS (public.parent)', i);"
                + " EXECUTE format('CREATE TABLE public.c%s_p PARTITION OF public.measures FOR VALUES FROM (%L) TO (%L)', i,"
                + " date '2020-01-01' + i, date '2020-01-01' + i + 1);"
                + " EXECUTE format('INSERT INTO public.c%s (id, note, extra) VALUES (%s, ''x'', 1)', i, i);"
                + " END LOOP;"
                + " FOR i IN 1..60 LOOP"
                + " EXECUTE format('CREATE VIEW public.v%s AS SELECT a.id, a.a, b.l FROM public.t%s a JOIN public.t%s b USING (id)', i, i, 241 - i);"
                + " END LOOP; END $$;"
                + " INSERT INTO public.measures SELECT i, date '2020-01-01' + i FROM generate_series(1, 30) i");

        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).jobs(3).execute();

        assertThat(result.completed()).isTrue();
        assertThat(result.warnings()).noneSatisfy(w -> assertThat(w.code()).isEqualTo("retried"));
        assertThatDatabase(target).isEquivalentTo(source);
        assertThat(target.queryValue("SELECT count(*) FROM public.parent")).isEqualTo("30");
        assertThat(target.queryValue("SELECT sum(a) FROM public.v1")).isEqualTo("1.00");
    }
}
