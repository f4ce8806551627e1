package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.Phase;
import org.pgmigrate.ReplicationLag;
import org.pgmigrate.ValidationFailedException;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** The ways an online migration stops before its cutover, each leaving nothing behind on either server. */
@ExtendWith(PostgresExtension.class)
class OnlineStopsIT implements OnSharedOnlineTarget {
    private static final String SOURCE = "online-source";
    private static final String LOGICAL = "wal_level=logical";

    @Test
    void cancellingDropsSlotPublicationAndOrigin(@Pg(instance = SOURCE, settings = LOGICAL) TestDatabase source,
                                                 @Pg(instance = "online-target") TestDatabase target) {
        source.execute("CREATE TABLE public.t (id int PRIMARY KEY, v text); INSERT INTO public.t SELECT i, 'x' FROM generate_series(1, 100) i");
        MigrationHandle handle = online(source, target).start();
        assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
        assertThat(source.queryColumn("SELECT slot_name FROM pg_replication_slots WHERE database = current_database()"))
                .containsExactly("pgmigrate_" + handle.migrationId());
        assertThat(target.queryValue("SELECT state FROM pgmigrate.online_control")).isEqualTo("STREAMING");

        handle.cancel();

        assertThatThrownBy(handle::await).isInstanceOfSatisfying(PgMigrateException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
            assertThat(e.getMessage()).contains("pgmigrate_" + handle.migrationId() + " and publication", "were dropped");
        });
        handle.close(); // a second close changes nothing
        OnlineMigrationIT.assertNothingLeft(source, target);
    }

    @Test
    void aColumnAddedOnTheSourceStopsTheMigrationNamingTheTable(@Pg(instance = SOURCE, settings = LOGICAL) TestDatabase source,
                                                                @Pg(instance = "online-target") TestDatabase target) {
        source.execute("CREATE TABLE public.orders (id int PRIMARY KEY, amount int); INSERT INTO public.orders VALUES (1, 10)");
        try (MigrationHandle handle = online(source, target).start()) {
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
            source.execute("INSERT INTO public.orders VALUES (2, 20)");
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
            source.execute("ALTER TABLE public.orders ADD COLUMN note text; INSERT INTO public.orders VALUES (3, 30, 'new')");

            assertThatThrownBy(handle::await).isInstanceOfSatisfying(PgMigrateException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.SOURCE_SCHEMA_CHANGED);
                assertThat(e.getMessage()).contains("public.orders", "note", "stay on the source", "resume()", "abandon()");
            });
        }
        // everything before the change arrived, nothing of it
        assertThat(target.queryColumn("SELECT id FROM public.orders ORDER BY id")).containsExactly("1", "2");
        assertThat(target.queryValue("SELECT detail FROM pgmigrate.online_control")).contains("public.orders");
        online(source, target).abandon();
        OnlineMigrationIT.assertNothingLeft(source, target);
    }

    /** A listener of the caller's own that breaks on the first lag event once the stream runs. */
    static final class LagBreaks implements MigrationListener {
        private volatile boolean streaming;

        @Override
        public void phaseStarted(Phase phase) {
            streaming |= phase == Phase.STREAM;
        }

        @Override
        public void lagMeasured(ReplicationLag lag) {
            if (streaming) {
                throw new IllegalStateException("the dashboard is down");
            }
        }
    }

    @Test
    void aListenerThatThrowsStopsTheMigrationNamingIt(@Pg(instance = SOURCE, settings = LOGICAL) TestDatabase source,
                                                      @Pg(instance = "online-target") TestDatabase target) {
        source.execute("CREATE TABLE public.t (id int PRIMARY KEY, v text); INSERT INTO public.t VALUES (1, 'x')");
        try (MigrationHandle handle = online(source, target).listener(new LagBreaks()).start()) {
            assertThatThrownBy(handle::await).isInstanceOfSatisfying(PgMigrateException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.MIGRATION_FAILED);
                assertThat(e.getMessage()).contains(LagBreaks.class.getName(), "lagMeasured", "the dashboard is down",
                        "stay on the source", "resume()");
                assertThat(e).hasRootCauseInstanceOf(IllegalStateException.class);
            });
        }
        source.execute("INSERT INTO public.t VALUES (2, 'while stopped')");

        // the listener fixed, the same migration goes on from where the target stands
        try (MigrationHandle resumed = online(source, target).resume().start()) {
            assertThat(resumed.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
            assertThat(resumed.cutover().completed()).isTrue();
        }
        assertThat(target.queryColumn("SELECT v FROM public.t ORDER BY id")).containsExactly("x", "while stopped");
        OnlineMigrationIT.assertNothingLeft(source, target);
    }

    @Test
    void cancellingDuringAnIndexBuildStopsItWithinSeconds(@Pg(instance = SOURCE, settings = LOGICAL) TestDatabase source,
                                                        @Pg(instance = "online-target") TestDatabase target) {
        // the index is built with a fast function, which then becomes slow: about 20 s on the target
        source.execute("CREATE FUNCTION public.slow(i int) RETURNS int IMMUTABLE LANGUAGE plpgsql AS $$ BEGIN RETURN i; END $$;"
                + " CREATE TABLE public.indexed (id int PRIMARY KEY, v text);"
                + " INSERT INTO public.indexed SELECT i, md5(i::text) FROM generate_series(1, 20000) i;"
                + " CREATE INDEX indexed_slow ON public.indexed (public.slow(id));"
                + " CREATE OR REPLACE FUNCTION public.slow(i int) RETURNS int IMMUTABLE LANGUAGE plpgsql"
                + " AS $$ BEGIN PERFORM pg_catalog.pg_sleep(0.001); RETURN i; END $$");
        try (MigrationHandle handle = online(source, target).start()) {
            Awaitility.await("the slow index build").atMost(Duration.ofMinutes(1)).until(() -> target.queryValue("SELECT count(*)"
                    + " FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE 'CREATE INDEX%slow%'")
                    .equals("1"));

            long start = System.nanoTime();
            handle.cancel();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThatThrownBy(handle::await).isInstanceOfSatisfying(PgMigrateException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
                assertThat(e.getMessage()).contains("The online migration " + handle.migrationId() + " was cancelled", "were dropped")
                        .doesNotContain("resume");
            });
        }
        OnlineMigrationIT.assertNothingLeft(source, target);
    }

    @Test
    void passingTheRetainedWalLimitStopsAndDropsTheSlot(@Pg(instance = SOURCE, settings = LOGICAL) TestDatabase source,
                                                       @Pg(instance = "online-target") TestDatabase target) {
        source.execute("CREATE TABLE public.t (id int PRIMARY KEY, v text)");
        try (MigrationHandle handle = online(source, target).maxRetainedWal(1).start()) {
            source.execute("INSERT INTO public.t SELECT i, md5(i::text) FROM generate_series(1, 20000) i");
            assertThatThrownBy(handle::await).isInstanceOfSatisfying(PgMigrateException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.WAL_RETENTION_EXCEEDED);
                assertThat(e.getMessage()).contains("more than the limit of 1 bytes", "were dropped");
            });
        }
        OnlineMigrationIT.assertNothingLeft(source, target);
    }

    @Test
    void aSourceWithoutLogicalWalIsRefusedBeforeAnythingChanges(@Pg(instance = "online-plain") TestDatabase source,
                                                                @Pg(instance = "online-target") TestDatabase target) {
        source.execute("CREATE TABLE public.t (id int PRIMARY KEY)");

        assertThatThrownBy(() -> online(source, target).start()).isInstanceOfSatisfying(ValidationFailedException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.VALIDATION_FAILED);
            assertThat(e.report().toText()).contains("wal_level");
        });
        assertThat(target.queryColumn("SELECT nspname FROM pg_namespace WHERE nspname IN ('pgmigrate', 'public')"))
                .containsExactly("public");
        assertThat(target.queryValue("SELECT count(*) FROM pg_class WHERE relname = 't'")).isEqualTo("0");
    }

    @Test
    void aTableWithoutReplicaIdentityIsRefused(@Pg(instance = SOURCE, settings = LOGICAL) TestDatabase source,
                                               @Pg(instance = "online-target") TestDatabase target) {
        source.execute("CREATE TABLE public.no_key (a int)");

        assertThatThrownBy(() -> online(source, target).start()).isInstanceOfSatisfying(ValidationFailedException.class,
                e -> assertThat(e.report().toText()).contains("public.no_key", "REPLICA IDENTITY FULL"));
        OnlineMigrationIT.assertNothingLeft(source, target);
    }

    private static Migration.Builder online(TestDatabase source, TestDatabase target) {
        return Migration.from(source.endpoint()).to(target.endpoint()).mode(MigrationMode.ONLINE).jobs(2);
    }
}
