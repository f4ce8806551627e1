package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.IndexResult;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * A table's primary key and unique constraints are built as plain unique indexes, alongside its
 * other indexes, and become constraints only once every index of the table is built: attaching
 * one takes an exclusive lock on the table, which would wait for the other builds while holding a
 * worker idle.
 */
@ExtendWith(PostgresExtension.class)
class ConstraintIndexesIT {
    @Test
    void keysBecomeConstraintsOnlyOnceEveryIndexOfTheTableIsBuilt(@Pg(instance = "source") TestDatabase source,
                                                                 @Pg(instance = "target") TestDatabase target) {
        // large enough (about 2 MB) to be copied and indexed on its own rather than in a batch of small tables
        source.execute("CREATE TABLE public.t (id int PRIMARY KEY, code text NOT NULL UNIQUE, note text, at int);"
                + "CREATE INDEX t_note ON public.t (note);"
                + "CREATE INDEX t_at ON public.t (at) WHERE at > 10;"
                + "ALTER TABLE public.t REPLICA IDENTITY USING INDEX t_code_key;"
                + "INSERT INTO public.t SELECT i, 'c' || i, md5(i::text), i % 100 FROM generate_series(1, 20000) i");
        // per index built: how many constraints and whether the replica identity was set, seen on the target then
        Map<String, String> seen = new ConcurrentHashMap<>();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void indexBuilt(IndexResult index) {
                seen.put(index.name(), target.queryValue("SELECT count(*) || ' ' || (SELECT relreplident FROM pg_catalog.pg_class"
                        + " WHERE oid = 'public.t'::regclass)::text FROM pg_catalog.pg_constraint"
                        + " WHERE conrelid = 'public.t'::regclass AND contype IN ('p', 'u')"));
            }
        };

        Migration.from(source.endpoint()).to(target.endpoint()).jobs(2).listener(listener).execute();

        assertThat(seen).hasSize(4).allSatisfy((index, constraints) -> assertThat(constraints).as(index).isEqualTo("0 d"));
        assertThat(target.queryValue("SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_catalog.pg_constraint"
                + " WHERE conrelid = 'public.t'::regclass")).isEqualTo("t_code_key,t_pkey");
        assertThat(target.queryValue("SELECT relreplident FROM pg_catalog.pg_class WHERE oid = 'public.t'::regclass")).isEqualTo("i");
        assertThatDatabase(target).isEquivalentTo(source);
    }
}
