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
class OnlineDdlIT {
    @Test
    void ddlRunOnTheSourceWhileStreamingIsReplicated(@Pg(instance = "online-source", settings = "wal_level=logical") TestDatabase source,
                                                     @Pg(instance = "online-target") TestDatabase target) throws Exception {
        source.execute("CREATE TABLE public.orders (id int PRIMARY KEY, amount int, obsolete text);"
                + " INSERT INTO public.orders SELECT i, i * 10, 'old' FROM generate_series(1, 100) i");

        MigrationResult result;
        try (MigrationHandle handle = online(source, target).start()) {
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
            assertThat(source.queryColumn("SELECT evtname FROM pg_event_trigger")).hasSize(1);

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
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
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

    private static Migration.Builder online(TestDatabase source, TestDatabase target) {
        return Migration.from(source.endpoint()).to(target.endpoint()).mode(MigrationMode.ONLINE).replicateDdl(true);
    }

    private static void assertNothingLeft(TestDatabase source, TestDatabase target) {
        OnlineMigrationIT.assertNothingLeft(source, target);
        assertThat(source.queryColumn("SELECT evtname FROM pg_event_trigger")).as("the DDL capture is gone from the source").isEmpty();
        assertThat(source.queryColumn("SELECT nspname FROM pg_namespace WHERE nspname = 'pgmigrate'")).isEmpty();
    }
}
