package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Endpoint;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.WarningCodes;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * An online migration from a PostgreSQL 17 source that fails over to its standby under writes:
 * the source URL names both servers, the slot is a failover slot the standby keeps, and the
 * migration streams on from the new primary to an equal target, with nothing lost or applied
 * twice (the workload's guard table has a unique key) and nothing left on either side.
 */
@ExtendWith(PostgresExtension.class)
class OnlineFailoverIT implements OnSharedOnlineTarget {
    @Test
    void aSourceFailoverUnderWritesIsSurvivedAndTheTargetEndsEqual(@Pg(instance = "online-target") TestDatabase target)
            throws Exception {
        try (FailingOverSource source = new FailingOverSource()) {
            MigrationResult result;
            try (OnlineWorkload workload = source.writing();
                 MigrationHandle handle = Migration.from(source.endpoint).to(target.endpoint()).mode(MigrationMode.ONLINE).jobs(2)
                         .start()) {
                assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
                source.awaitSlotSynced();

                source.primary.stopImmediately();
                // asked while the source has no primary, it waits for the new one
                CompletableFuture<Boolean> caughtUp = CompletableFuture.supplyAsync(() -> handle.awaitCaughtUp(Duration.ofMinutes(2)));
                // a failover takes a while: the stream's first attempts to reconnect find no primary
                Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> workload.reconnections() >= 20);
                source.promoteStandby(workload);
                assertThat(caughtUp.get()).isTrue();
                assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
                workload.close();
                result = handle.cutover();
            }

            assertThat(result.completed()).isTrue();
            assertThat(result.warnings()).filteredOn(w -> w.code().equals(WarningCodes.SOURCE_FAILOVER)).singleElement()
                    .satisfies(w -> assertThat(w.message()).contains("from " + source.primary.host() + ":" + source.primary.port()
                            + " to " + source.standby.host() + ":" + source.standby.port()));
            assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.equal()).isTrue());
            assertThatDatabase(target).isEquivalentTo(source.newPrimary);
            OnlineMigrationIT.assertNothingLeft(source.newPrimary, target);
        }
    }

    /**
     * The migration's process dies, then the source fails over while no process runs it: resumed
     * with the same URL, it finds its slot on the new primary and streams on from where the
     * target stands.
     */
    @Test
    void aMigrationKilledBeforeItsSourceFailsOverResumesOnTheNewPrimary(@Pg(instance = "online-target") TestDatabase target)
            throws Exception {
        try (FailingOverSource source = new FailingOverSource()) {
            MigrationResult result;
            try (OnlineWorkload workload = source.writing()) {
                // the standby copies the slot only while the slot moves: before the kill
                OnlineResumeIT.killWhen(source.endpoint.jdbcUrl(), target, "STREAMING", 0, source::awaitSlotSynced);
                source.primary.stopImmediately();
                source.promoteStandby(workload);

                try (MigrationHandle handle = Migration.from(source.endpoint).to(target.endpoint()).mode(MigrationMode.ONLINE).jobs(2)
                        .resume().start()) {
                    assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
                    workload.close();
                    result = handle.cutover();
                }
            }

            assertThat(result.completed()).isTrue();
            assertThat(result.warnings()).anySatisfy(w -> assertThat(w.code()).isEqualTo(WarningCodes.RESUMED));
            assertThatDatabase(target).isEquivalentTo(source.newPrimary);
            OnlineMigrationIT.assertNothingLeft(source.newPrimary, target);
        }
    }

    /** A 17 source with the workload's schema and a standby; its endpoint names both servers. */
    private static final class FailingOverSource implements AutoCloseable {
        final PostgresServer primary = PostgresServer.builder(17).setting("wal_level", "logical").start();
        final TestDatabase database = primary.createDatabase();
        final PostgresServer standby;
        /** The database on the standby, the source's primary once promoted. */
        final TestDatabase newPrimary;
        /** A URL of several hosts connects to the primary among them. */
        final Endpoint endpoint;

        FailingOverSource() {
            OnlineWorkload.createSchema(database, 17);
            standby = primary.startStandby();
            newPrimary = standby.database(database.name());
            endpoint = Endpoint.of("postgresql://" + PostgresServer.SUPERUSER + "@" + primary.host() + ":" + primary.port() + ","
                    + standby.host() + ":" + standby.port() + "/" + database.name());
        }

        /** A workload that follows the primary among the endpoint's hosts, as the migration does. */
        OnlineWorkload writing() {
            return OnlineWorkload.startFollowing(() -> DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.connectionProperties()));
        }

        /** Promotes the standby, and waits until the workload writes there. */
        void promoteStandby(OnlineWorkload workload) {
            standby.promote();
            long promoted = workload.transactions();
            Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> workload.transactions() > promoted + 50);
            assertThat(workload.reconnections()).as("the workload's connection broke and followed").isPositive();
        }

        /**
         * Waits until the standby holds the migration's slot, persisted, as far as the primary's
         * was when asked. The standby keeps its copy once the primary's slot has moved past the
         * transactions the copy began under, which takes a snapshot of running transactions in
         * the WAL (logged every 15 s, or now when asked); a reload wakes the standby's slot sync
         * worker, whose naps grow up to 30 s while it finds nothing to do.
         */
        void awaitSlotSynced() {
            String confirmed = database.queryValue("SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name LIKE 'pgmigrate%'");
            Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300)).until(() -> {
                database.execute("SELECT pg_log_standby_snapshot()");
                newPrimary.execute("SELECT pg_reload_conf()");
                return "t".equals(newPrimary.queryValue("SELECT count(*) = 1 FROM pg_replication_slots WHERE slot_name LIKE"
                        + " 'pgmigrate%' AND synced AND NOT temporary AND confirmed_flush_lsn >= '" + confirmed + "'::pg_lsn"));
            });
        }

        @Override
        public void close() {
            standby.close();
            primary.close();
        }
    }
}
