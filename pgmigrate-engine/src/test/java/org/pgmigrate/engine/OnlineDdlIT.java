package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.ReplicationLag;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * With DDL replication on, columns added, retyped and dropped, tables and indexes created on the
 * source while the migration streams reach the target at their point in the stream, the rows
 * written around them too (a new table's from the transaction that creates it), and the stream
 * goes on.
 */
@ExtendWith(PostgresExtension.class)
class OnlineDdlIT implements OnSharedOnlineTarget {
    @Test
    void ddlRunOnTheSourceWhileStreamingIsReplicated(@Pg(instance = "online-source", settings = "wal_level=logical") TestDatabase source,
                                                     @Pg(instance = "online-target") TestDatabase target) throws Exception {
        source.execute("CREATE TABLE public.orders (id int PRIMARY KEY, amount int, obsolete text);"
                + " INSERT INTO public.orders SELECT i, i * 10, 'old' FROM generate_series(1, 100) i");

        MigrationResult result;
        try (MigrationHandle handle = online(source, target).start()) {
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
            assertThat(source.queryColumn("SELECT evtname FROM pg_event_trigger")).hasSize(2);

            source.execute("ALTER TABLE public.orders ADD COLUMN note text DEFAULT 'none'");
            source.execute("INSERT INTO public.orders VALUES (101, 1010, 'x', 'new'); UPDATE public.orders SET note = 'changed' WHERE id = 1");
            source.execute("ALTER TABLE public.orders ALTER COLUMN amount TYPE bigint");
            source.execute("INSERT INTO public.orders VALUES (102, 40000000000, 'x', 'big')");
            source.execute("ALTER TABLE public.orders DROP COLUMN obsolete");
            source.execute("UPDATE public.orders SET amount = amount + 1 WHERE id <= 10");
            source.execute("CREATE INDEX CONCURRENTLY orders_note ON public.orders (note)");
            // a new table, with rows in the transaction that creates it and after
            try (Connection c = source.connect(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("CREATE TABLE public.added (id int PRIMARY KEY, v text)");
                s.execute("INSERT INTO public.added VALUES (1, 'with the table')");
                c.commit();
            }
            source.execute("INSERT INTO public.added VALUES (2, 'after'); UPDATE public.added SET v = v || '!' WHERE id = 1");
            // without a primary key: updates and deletes still work on the source, and reach the target
            source.execute("CREATE TABLE public.notes (id int, body text)");
            source.execute("INSERT INTO public.notes VALUES (1, 'a'), (2, 'b'); UPDATE public.notes SET body = 'b!' WHERE id = 2;"
                    + " DELETE FROM public.notes WHERE id = 1");
            // made from other tables: the target makes them with the same statement at the same point
            source.execute("CREATE TABLE public.big_orders AS SELECT id, amount FROM public.orders WHERE amount > 500");
            source.execute("SELECT id, note INTO public.noted FROM public.orders WHERE note <> 'none'");
            source.execute("INSERT INTO public.big_orders VALUES (999, 9990); UPDATE public.noted SET note = 'seen'");
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
            assertThat(target.queryColumn("SELECT id || ' ' || body FROM public.notes")).containsExactly("2 b!");
            assertThat(target.queryValue("SELECT count(*) FROM public.big_orders")).isEqualTo(source.queryValue("SELECT count(*) FROM public.big_orders"))
                    .isEqualTo("53");
            assertThat(target.queryColumn("SELECT id || ' ' || note FROM public.noted ORDER BY id")).containsExactly("1 seen", "101 seen", "102 seen");
            for (TestDatabase side : new TestDatabase[] {source, target}) {
                assertThat(side.queryColumn("SELECT relname || ' ' || relreplident::text FROM pg_class WHERE relname IN ('notes', 'big_orders', 'noted', 'added')"
                        + " ORDER BY relname")).containsExactly("added d", "big_orders f", "noted f", "notes f");
            }
            assertThat(target.queryColumn("SELECT id || ' ' || v FROM public.added ORDER BY id"))
                    .containsExactly("1 with the table!", "2 after");

            assertThat(target.queryColumn("SELECT attname || ' ' || format_type(atttypid, atttypmod) FROM pg_attribute"
                    + " WHERE attrelid = 'public.orders'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum"))
                    .containsExactly("id integer", "amount bigint", "note text");
            assertThat(target.queryColumn("SELECT id || ' ' || amount || ' ' || note FROM public.orders WHERE id IN (1, 2, 102) ORDER BY id"))
                    .containsExactly("1 11 changed", "2 21 none", "102 40000000000 big");
            assertThat(target.queryValue("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_note'")).isEqualTo("1");
            result = handle.cutover();
        }

        assertThat(result.completed()).isTrue();
        assertThatDatabase(target).isEquivalentTo(source);
        assertNothingLeft(source, target);
    }

    /** A listener of the caller's own that breaks on the next lag event once told to. */
    static final class Breakable implements MigrationListener {
        final AtomicBoolean broken = new AtomicBoolean();

        @Override
        public void lagMeasured(ReplicationLag lag) {
            if (broken.get()) {
                throw new IllegalStateException("the dashboard is down");
            }
        }
    }

    /** The source's schema changed since the copy: a resume streams on without comparing it with the copy's. */
    @Test
    void aRunThatFailedAfterReplicatedDdlResumes(@Pg(instance = "online-source", settings = "wal_level=logical") TestDatabase source,
                                                 @Pg(instance = "online-target") TestDatabase target) {
        source.execute("CREATE TABLE public.items (id int PRIMARY KEY, qty int); INSERT INTO public.items SELECT i, i FROM generate_series(1, 50) i");
        Breakable listener = new Breakable();
        try (MigrationHandle handle = online(source, target).listener(listener).start()) {
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
            source.execute("ALTER TABLE public.items ADD COLUMN label text");
            source.execute("INSERT INTO public.items VALUES (51, 51, 'added')");
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
            listener.broken.set(true);
            assertThatThrownBy(handle::await).isInstanceOfSatisfying(PgMigrateException.class,
                    e -> assertThat(e.getMessage()).contains("the dashboard is down", "resume()"));
        }
        source.execute("INSERT INTO public.items VALUES (52, 52, 'while stopped')");

        MigrationResult result;
        try (MigrationHandle handle = online(source, target).resume().start()) {
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
            result = handle.cutover();
        }

        assertThat(result.completed()).isTrue();
        assertThat(target.queryColumn("SELECT label FROM public.items WHERE id > 50 ORDER BY id")).containsExactly("added", "while stopped");
        assertThatDatabase(target).isEquivalentTo(source);
        assertNothingLeft(source, target);
    }

    @Test
    void ddlOnWhatTheFilterLeavesOutStaysOnTheSource(@Pg(instance = "online-source", settings = "wal_level=logical") TestDatabase source,
                                                     @Pg(instance = "online-target") TestDatabase target) {
        source.execute("CREATE TABLE public.orders (id int PRIMARY KEY, v text); CREATE INDEX orders_v ON public.orders (v);"
                + " CREATE TABLE public.audit (id int PRIMARY KEY, v text); CREATE INDEX audit_v ON public.audit (v);"
                + " INSERT INTO public.orders VALUES (1, 'a'), (2, 'b'); INSERT INTO public.audit VALUES (1, 'x')");
        try (MigrationHandle handle = online(source, target).excludeTables("public.audit*").start()) {
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
            source.execute("ALTER TABLE public.audit ADD COLUMN at timestamptz");
            source.execute("CREATE INDEX audit_at ON public.audit (at)");
            source.execute("DROP INDEX public.audit_v");
            source.execute("CREATE TABLE public.audit_2027 (id int, v text); INSERT INTO public.audit_2027 VALUES (1, 'x');"
                    + " UPDATE public.audit_2027 SET v = 'y'");
            source.execute("ALTER TABLE public.orders ADD COLUMN w int; INSERT INTO public.orders VALUES (3, 'c', 3)");
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
            assertThat(target.queryColumn("SELECT relname FROM pg_class WHERE relname LIKE 'audit%'")).isEmpty();
            assertThat(target.queryColumn("SELECT id || ' ' || v || ' ' || coalesce(w, 0) FROM public.orders ORDER BY id"))
                    .containsExactly("1 a 0", "2 b 0", "3 c 3");

            // one statement on a carried index and a left-out one cannot run on the target: the stream stops before it
            source.execute("DROP INDEX public.orders_v, public.audit_at");
            assertThatThrownBy(handle::await).isInstanceOfSatisfying(PgMigrateException.class, e -> {
                assertThat(e.kind()).isEqualTo(org.pgmigrate.ErrorKind.SOURCE_SCHEMA_CHANGED);
                assertThat(e.getMessage()).contains("public.orders_v", "public.audit_at", "DROP INDEX public.orders_v, public.audit_at");
            });
        }
        assertThat(target.queryColumn("SELECT indexname FROM pg_indexes WHERE tablename = 'orders' ORDER BY 1"))
                .containsExactly("orders_pkey", "orders_v");
        online(source, target).abandon();
        assertNothingLeft(source, target);
    }

    private static Migration.Builder online(TestDatabase source, TestDatabase target) {
        return Migration.from(source.endpoint()).to(target.endpoint()).mode(MigrationMode.ONLINE).replicateDdl(true);
    }

    private static void assertNothingLeft(TestDatabase source, TestDatabase target) {
        OnlineMigrationIT.assertNothingLeft(source, target);
        assertThat(source.queryColumn("SELECT evtname FROM pg_event_trigger")).as("the DDL capture is gone from the source").isEmpty();
        assertThat(source.queryColumn("SELECT nspname FROM pg_namespace WHERE nspname = 'pgmigrate'")).isEmpty();
    }
}
