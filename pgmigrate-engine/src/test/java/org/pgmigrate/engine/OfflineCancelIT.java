package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.DatabaseSelection;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationFailedException;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationOption;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.Phase;
import org.pgmigrate.RoleSelection;
import org.pgmigrate.TableProgress;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * Offline migrations started with {@code start()}: {@code cancel()} stops every worker within
 * seconds, whatever they run, and leaves no session and no open transaction on either server.
 */
@ExtendWith(PostgresExtension.class)
class OfflineCancelIT {
    /** How long cancel() may take: the copies and index builds below would run for tens of seconds more. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);
    /** About 100 bytes a row. */
    private static final String ROWS = " SELECT i, repeat(md5(i::text), 3) FROM generate_series(1, %d) i";

    @Test
    void cancellingDuringTheCopyStopsBothWorkersAndRollsTheirCopiesBack(@Pg(instance = "source") TestDatabase source,
                                                                        @Pg(instance = "target") TestDatabase target) {
        // 20 MB at 400 kB/s: 50 s unless cancelled
        source.execute("CREATE TABLE public.big_a (id int PRIMARY KEY, v text); CREATE TABLE public.big_b (id int PRIMARY KEY, v text);"
                + " INSERT INTO public.big_a" + String.format(ROWS, 100_000) + "; INSERT INTO public.big_b" + String.format(ROWS, 100_000));
        TablesInProgress progress = new TablesInProgress();
        MigrationHandle handle = Migration.from(source.endpoint()).to(target.endpoint()).roles(RoleSelection.NONE)
                .jobs(2).throttle(400_000).listener(progress).start();
        await("both tables copying", () -> progress.tables.size() == 2, Duration.ofMinutes(1));

        assertCancelledPromptly(handle);

        assertThatThrownBy(handle::await).isInstanceOfSatisfying(MigrationFailedException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
            assertThat(e.getMessage()).contains("Migration " + handle.migrationId() + " was cancelled", "resume()", "--resume");
            assertThat(e.partialResult().completed()).isFalse();
            assertThat(e.partialResult().migrationId()).isEqualTo(handle.migrationId());
        });
        assertNoMigrationSessions(source);
        assertNoMigrationSessions(target);
        // each table loads in one transaction, which the cancellation rolled back
        assertThat(target.queryValue("SELECT count(*) FROM public.big_a")).isEqualTo("0");
        assertThat(target.queryValue("SELECT count(*) FROM public.big_b")).isEqualTo("0");
        handle.close(); // closing after the end changes nothing
        handle.cancel();

        // the journal the cancelled run left lets a resume finish the job
        MigrationResult resumed = Migration.from(source.endpoint()).to(target.endpoint()).roles(RoleSelection.NONE).jobs(2)
                .resume().execute();
        assertThat(resumed.completed()).isTrue();
        assertThat(resumed.warnings()).anySatisfy(w -> assertThat(w.code()).isEqualTo("resumed"));
        assertThatDatabase(target).isEquivalentTo(source);
    }

    @Test
    void cancellingDuringIndexBuildsStopsThemOnTheTarget(@Pg(instance = "source") TestDatabase source,
                                                         @Pg(instance = "target") TestDatabase target) {
        // the indexes are built with a fast function, which then becomes slow: about 20 s per index on the target
        source.execute("CREATE FUNCTION public.slow(i int) RETURNS int IMMUTABLE LANGUAGE plpgsql AS $$ BEGIN RETURN i; END $$;"
                + " CREATE TABLE public.indexed (id int, v text); INSERT INTO public.indexed" + String.format(ROWS, 20_000) + ";"
                + " CREATE INDEX indexed_slow_id ON public.indexed (public.slow(id));"
                + " CREATE INDEX indexed_slow_length ON public.indexed (public.slow(length(v)));"
                + " CREATE OR REPLACE FUNCTION public.slow(i int) RETURNS int IMMUTABLE LANGUAGE plpgsql"
                + " AS $$ BEGIN PERFORM pg_catalog.pg_sleep(0.001); RETURN i; END $$");
        MigrationHandle handle = Migration.from(source.endpoint()).to(target.endpoint()).roles(RoleSelection.NONE).jobs(2).start();
        await("both index builds running", () -> target.queryValue("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name LIKE 'pgmigrate%' AND state = 'active' AND query LIKE 'CREATE INDEX%'").equals("2"),
                Duration.ofMinutes(1));

        assertCancelledPromptly(handle);

        assertThatThrownBy(handle::await).isInstanceOfSatisfying(MigrationFailedException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
        assertNoMigrationSessions(source);
        assertNoMigrationSessions(target);
        assertThat(target.queryValue("SELECT count(*) FROM pg_catalog.pg_indexes WHERE tablename = 'indexed'")).isEqualTo("0");
    }

    @Test
    void aServerMigrationWithRolesStopsItsDatabaseAndStartsNoOther() {
        try (PostgresServer source = PostgresServer.start(17); PostgresServer target = PostgresServer.start(17)) {
            source.execute("postgres", "CREATE ROLE cancel_owner NOLOGIN");
            source.execute("postgres", "CREATE DATABASE first OWNER cancel_owner");
            source.execute("postgres", "CREATE DATABASE second OWNER cancel_owner");
            source.execute("first", "CREATE TABLE big (id int PRIMARY KEY, v text); ALTER TABLE big OWNER TO cancel_owner;"
                    + " INSERT INTO big" + String.format(ROWS, 100_000));
            source.execute("second", "CREATE TABLE small (id int PRIMARY KEY); INSERT INTO small SELECT generate_series(1, 10)");
            TablesInProgress progress = new TablesInProgress();
            // default roles (the ones the databases need): the server-level run, one database after the other
            MigrationHandle handle = Migration.from(serverEndpoint(source)).to(serverEndpoint(target))
                    .databases(DatabaseSelection.named("first", "second")).jobs(2).throttle(200_000).listener(progress).start();
            await("the first database copying", () -> !progress.tables.isEmpty(), Duration.ofMinutes(1));

            assertCancelledPromptly(handle);

            assertThatThrownBy(handle::await).isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
                assertThat(e.getMessage()).contains("first", "was cancelled", "resume()");
                assertThat(e.partialResult().roles().orElseThrow().created()).contains("cancel_owner");
            });
            assertThat(migrationSessions(source, "postgres", false)).isEmpty();
            assertThat(migrationSessions(target, "postgres", false)).isEmpty();
            assertThat(openTransactions(target)).isEmpty();
            assertThat(target.queryColumn("second", "SELECT relname FROM pg_class WHERE relname = 'small'")).isEmpty();
        }
    }

    @Test
    void aListenerMayCancelTheRunItListensTo(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE public.t (id int PRIMARY KEY); INSERT INTO public.t SELECT generate_series(1, 100)");
        CompletableFuture<MigrationHandle> started = new CompletableFuture<>();
        MigrationListener cancelsAtTheCopy = new MigrationListener() {
            @Override
            public void phaseStarted(Phase phase) {
                if (phase == Phase.DATA) {
                    started.join().cancel(); // on the run's own thread: must not wait for the run
                }
            }
        };
        MigrationHandle handle = Migration.from(source.endpoint()).to(target.endpoint()).roles(RoleSelection.NONE)
                .listener(cancelsAtTheCopy).start();
        started.complete(handle);

        long start = System.nanoTime();
        assertThatThrownBy(handle::await).isInstanceOfSatisfying(MigrationFailedException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
        assertNoMigrationSessions(target);
    }

    @Test
    void startRunsAnOfflineMigrationToItsEndWithTheValidationReport(@Pg(instance = "source") TestDatabase source,
                                                                    @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE public.t (id int PRIMARY KEY); INSERT INTO public.t SELECT generate_series(1, 100)");
        try (MigrationHandle handle = Migration.from(source.endpoint()).to(target.endpoint())
                .option(MigrationOption.VALIDATE_AND_MIGRATE).start()) {
            MigrationResult result = handle.await();

            assertThat(result.completed()).isTrue();
            assertThat(result.migrationId()).isEqualTo(handle.migrationId());
            assertThat(result.validation()).isPresent();
            assertThat(result.totalRows()).isEqualTo(100);
            handle.cancel(); // after the end: nothing to stop
            assertThat(handle.await()).isSameAs(result);
            for (Runnable onlineOnly : List.<Runnable>of(handle::cutover, handle::lag, () -> handle.awaitCaughtUp(Duration.ofSeconds(1)))) {
                assertThatThrownBy(onlineOnly::run).isInstanceOfSatisfying(PgMigrateException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("online migrations", "await()");
                });
            }
        }
        assertThat(target.queryValue("SELECT count(*) FROM public.t")).isEqualTo("100");
    }

    /** The tables that reported copy progress. */
    private static final class TablesInProgress implements MigrationListener {
        final Set<String> tables = ConcurrentHashMap.newKeySet();

        @Override
        public void tableProgress(TableProgress progress) {
            tables.add(progress.qualifiedName());
        }
    }

    private static void assertCancelledPromptly(MigrationHandle handle) {
        long start = System.nanoTime();
        handle.cancel();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("cancel() took %s", took).isLessThan(PROMPTLY);
    }

    /**
     * No session of the migration is left in {@code db} (the server ends a session once its socket
     * is closed: a few milliseconds), and no transaction is open there.
     */
    private static void assertNoMigrationSessions(TestDatabase db) {
        assertThat(migrationSessions(db.server(), db.name(), true)).as("pgmigrate sessions in " + db).isEmpty();
        // client sessions only: an autovacuum worker may be busy with the rows the run left
        assertThat(db.queryColumn("SELECT pid || ' ' || application_name FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL"
                + " AND backend_type = 'client backend'"))
                .as("open transactions in " + db).isEmpty();
    }

    /**
     * The migration's sessions on the server, in the database connected to or in any; waits up to
     * 2 s for them to end.
     */
    private static List<String> migrationSessions(PostgresServer server, String connectTo, boolean thatDatabaseOnly) {
        String sql = "SELECT pid || ' ' || datname || ' ' || state || ': ' || left(query, 80) FROM pg_stat_activity"
                + " WHERE application_name LIKE 'pgmigrate%'" + (thatDatabaseOnly ? " AND datname = current_database()" : "");
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        List<String> sessions = server.queryColumn(connectTo, sql);
        while (!sessions.isEmpty() && System.nanoTime() < deadline) {
            sleep(100);
            sessions = server.queryColumn(connectTo, sql);
        }
        return sessions;
    }

    private static List<String> openTransactions(PostgresServer server) {
        return server.queryColumn("postgres", "SELECT pid || ' ' || datname || ' ' || application_name FROM pg_stat_activity"
                + " WHERE pid <> pg_backend_pid() AND xact_start IS NOT NULL AND backend_type = 'client backend'");
    }

    private static void await(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Endpoint serverEndpoint(PostgresServer server) {
        return Endpoint.of("postgresql://postgres@localhost:" + server.port());
    }
}
