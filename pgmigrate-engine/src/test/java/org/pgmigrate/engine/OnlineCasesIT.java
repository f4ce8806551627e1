package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * The changes that lose data in other tools, made on the source while one online migration
 * streams, each then checked on the target, and the whole by the equivalence assertion after the
 * cutover: transactions committing in another order than they began, a 200,000-row transaction,
 * TRUNCATE of several tables at once and with CASCADE, an identity GENERATED ALWAYS column set
 * to new values, rows moving between partitions, a table without a key under REPLICA IDENTITY
 * FULL with duplicate rows, and updates that leave a TOASTed value unchanged.
 */
@ExtendWith(PostgresExtension.class)
class OnlineCasesIT implements OnSharedOnlineTarget {
    @Test
    void everyCaseEndsEqualAfterTheCutover(@Pg(instance = "online-source", settings = "wal_level=logical") TestDatabase source,
                                           @Pg(instance = "online-target") TestDatabase target) throws Exception {
        source.execute("CREATE TABLE public.ordered (id int PRIMARY KEY, v text);"
                + "CREATE TABLE public.bulk (id int PRIMARY KEY, v text);"
                + "CREATE TABLE public.a (id int PRIMARY KEY); CREATE TABLE public.b (id int PRIMARY KEY);"
                + "CREATE TABLE public.parent (id int PRIMARY KEY); CREATE TABLE public.child (id int PRIMARY KEY, parent int REFERENCES public.parent);"
                + "CREATE TABLE public.ident (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text);"
                + "CREATE TABLE public.measures (id int, region text, v int, PRIMARY KEY (id, region)) PARTITION BY LIST (region);"
                + "CREATE TABLE public.measures_eu PARTITION OF public.measures FOR VALUES IN ('eu');"
                + "CREATE TABLE public.measures_us PARTITION OF public.measures FOR VALUES IN ('us');"
                + "CREATE TABLE public.keyless (a int, b text); ALTER TABLE public.keyless REPLICA IDENTITY FULL;"
                + "CREATE TABLE public.docs (id int PRIMARY KEY, title text, body text);"
                + "INSERT INTO public.ordered SELECT i, 'v' FROM generate_series(1, 10) i;"
                + "INSERT INTO public.a SELECT generate_series(1, 100); INSERT INTO public.b SELECT generate_series(1, 100);"
                + "INSERT INTO public.parent SELECT generate_series(1, 10); INSERT INTO public.child SELECT i, i FROM generate_series(1, 10) i;"
                + "INSERT INTO public.ident (v) SELECT 'row ' || i FROM generate_series(1, 20) i;"
                + "INSERT INTO public.measures SELECT i, CASE WHEN i % 2 = 0 THEN 'eu' ELSE 'us' END, i FROM generate_series(1, 100) i;"
                + "INSERT INTO public.keyless SELECT i % 3, 'same' FROM generate_series(1, 9) i;"
                + "INSERT INTO public.docs SELECT i, 'doc', " + OnlineWorkload.toastedText("i") + " FROM generate_series(1, 5) i");

        MigrationResult result;
        try (MigrationHandle handle = Migration.from(source.endpoint()).to(target.endpoint()).mode(MigrationMode.ONLINE).jobs(2).start()) {
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();

            // the first to begin commits last
            try (Connection first = source.connect(); Connection second = source.connect();
                 Statement s1 = first.createStatement(); Statement s2 = second.createStatement()) {
                first.setAutoCommit(false);
                second.setAutoCommit(false);
                s1.execute("UPDATE public.ordered SET v = 'first' WHERE id <= 5");
                s2.execute("UPDATE public.ordered SET v = 'second' WHERE id > 5");
                s2.execute("INSERT INTO public.ordered VALUES (11, 'second')");
                second.commit();
                s1.execute("DELETE FROM public.ordered WHERE id = 11");
                first.commit();
            }
            source.execute("BEGIN; INSERT INTO public.bulk SELECT i, 'x' FROM generate_series(1, 200000) i;"
                    + " UPDATE public.bulk SET v = 'y' WHERE id % 2 = 0; COMMIT");
            source.execute("TRUNCATE public.a, public.b; INSERT INTO public.b VALUES (7)");
            source.execute("TRUNCATE public.parent CASCADE; INSERT INTO public.parent VALUES (1); INSERT INTO public.child VALUES (1, 1)");
            source.execute("UPDATE public.ident SET id = DEFAULT, v = v || ' renumbered' WHERE id <= 5");
            source.execute("UPDATE public.measures SET region = CASE region WHEN 'eu' THEN 'us' ELSE 'eu' END WHERE id <= 10;"
                    + " INSERT INTO public.measures VALUES (101, 'eu', 1)");
            source.execute("UPDATE public.keyless SET b = 'changed' WHERE ctid = (SELECT ctid FROM public.keyless WHERE a = 1 LIMIT 1);"
                    + " DELETE FROM public.keyless WHERE ctid = (SELECT ctid FROM public.keyless WHERE a = 2 LIMIT 1)");
            source.execute("UPDATE public.docs SET title = 'renamed' WHERE id <= 3");
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(3))).isTrue();

            assertThat(target.queryColumn("SELECT id || ' ' || v FROM public.ordered WHERE id IN (1, 6, 11) ORDER BY id"))
                    .containsExactly("1 first", "6 second");
            assertThat(target.queryValue("SELECT count(*) || ' ' || count(*) FILTER (WHERE v = 'y') FROM public.bulk"))
                    .isEqualTo("200000 100000");
            assertThat(target.queryColumn("SELECT 'a' || count(*) FROM public.a UNION ALL SELECT 'b' || count(*) FROM public.b"))
                    .containsExactly("a0", "b1");
            assertThat(target.queryValue("SELECT count(*) FROM public.child")).isEqualTo("1");
            assertThat(target.queryValue("SELECT min(id) FROM public.ident WHERE v LIKE '% renumbered'")).isEqualTo("21");
            assertThat(target.queryValue("SELECT count(*) FROM public.measures_eu")).isEqualTo("51");
            assertThat(target.queryColumn("SELECT a || ' ' || b FROM public.keyless ORDER BY 1"))
                    .containsExactly("0 same", "0 same", "0 same", "1 changed", "1 same", "1 same", "2 same", "2 same");
            assertThat(target.queryValue("SELECT count(*) FROM public.docs WHERE title = 'renamed' AND length(body) > 60000"))
                    .isEqualTo("3");
            result = handle.cutover();
        }

        assertThat(result.completed()).isTrue();
        assertThatDatabase(target).isEquivalentTo(source);
        OnlineMigrationIT.assertNothingLeft(source, target);
    }
}
