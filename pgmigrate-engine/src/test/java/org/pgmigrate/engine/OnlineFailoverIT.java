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
class OnlineFailoverIT {
    @Test
    void aSourceFailoverUnderWritesIsSurvivedAndTheTargetEndsEqual(@Pg(instance = "online-target") TestDatabase target)
            throws Exception {
        try (PostgresServer primary = PostgresServer.builder(17).setting("wal_level", "logical").start()) {
            TestDatabase source = primary.createDatabase();
            OnlineWorkload.createSchema(source, 17);
            try (PostgresServer standby = primary.startStandby()) {
                String hosts = primary.host() + ":" + primary.port() + "," + standby.host() + ":" + standby.port();
                // a URL of several hosts connects to the primary among them
                Endpoint bothHosts = Endpoint.of("postgresql://" + PostgresServer.SUPERUSER + "@" + hosts + "/" + source.name());
                TestDatabase newPrimary = standby.database(source.name());
                MigrationResult result;
                try (OnlineWorkload workload = writingTo(bothHosts);
                     MigrationHandle handle = Migration.from(bothHosts).to(target.endpoint()).mode(MigrationMode.ONLINE).jobs(2)
                             .start()) {
                    assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
                    awaitSlotSynced(source, newPrimary);

                    primary.stopImmediately();
                    // asked while the source has no primary, it waits for the new one
                    CompletableFuture<Boolean> caughtUp = CompletableFuture.supplyAsync(() -> handle.awaitCaughtUp(Duration.ofMinutes(2)));
                    // a failover takes a while: the stream's first attempts to reconnect find no primary
                    Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> workload.reconnections() >= 20);
                    standby.promote();
                    long promoted = workload.transactions();
                    // the applications write on to the new primary, and the migration follows it
                    Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> workload.transactions() > promoted + 50);
                    assertThat(caughtUp.get()).isTrue();
                    assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
                    workload.close();
                    result = handle.cutover();
                }

                assertThat(result.completed()).isTrue();
                assertThat(result.warnings()).filteredOn(w -> w.code().equals(WarningCodes.SOURCE_FAILOVER)).singleElement()
                        .satisfies(w -> assertThat(w.message()).contains("from " + primary.host() + ":" + primary.port()
                                + " to " + standby.host() + ":" + standby.port()));
                assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.equal()).isTrue());
                assertThatDatabase(target).isEquivalentTo(newPrimary);
                OnlineMigrationIT.assertNothingLeft(newPrimary, target);
            }
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
        try (PostgresServer primary = PostgresServer.builder(17).setting("wal_level", "logical").start()) {
            TestDatabase source = primary.createDatabase();
            OnlineWorkload.createSchema(source, 17);
            try (PostgresServer standby = primary.startStandby()) {
                String bothHosts = "jdbc:postgresql://" + primary.host() + ":" + primary.port() + "," + standby.host() + ":"
                        + standby.port() + "/" + source.name();
                Endpoint sourceEndpoint = Endpoint.builder().jdbcUrl(bothHosts).user(PostgresServer.SUPERUSER).build();
                TestDatabase newPrimary = standby.database(source.name());
                MigrationResult result;
                try (OnlineWorkload workload = writingTo(sourceEndpoint)) {
                    // the standby keeps a copy of the slot only while the slot moves: before the kill
                    OnlineResumeIT.killWhen(bothHosts, target, "STREAMING", 0, () -> awaitSlotSynced(source, newPrimary));
                    primary.stopImmediately();
                    standby.promote();
                    Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> workload.reconnections() > 0);
                    long promoted = workload.transactions();
                    Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> workload.transactions() > promoted + 50);

                    try (MigrationHandle handle = Migration.from(sourceEndpoint).to(target.endpoint()).mode(MigrationMode.ONLINE).jobs(2)
                            .resume().start()) {
                        assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
                        workload.close();
                        result = handle.cutover();
                    }
                }

                assertThat(result.completed()).isTrue();
                assertThat(result.warnings()).anySatisfy(w -> assertThat(w.code()).isEqualTo(WarningCodes.RESUMED));
                assertThatDatabase(target).isEquivalentTo(newPrimary);
                OnlineMigrationIT.assertNothingLeft(newPrimary, target);
            }
        }
    }

    /** A workload that follows the primary among the endpoint's hosts, as the migration does. */
    private static OnlineWorkload writingTo(Endpoint bothHosts) {
        return OnlineWorkload.startFollowing(() -> DriverManager.getConnection(bothHosts.jdbcUrl(), bothHosts.connectionProperties()));
    }

    /**
     * Waits until the standby holds the migration's slot, persisted, as far as the primary's was
     * when asked. The standby keeps its copy once the primary's slot has moved past the
     * transactions the copy began under, which takes a snapshot of running transactions in the
     * WAL (logged every 15 s, or now when asked); a reload wakes the standby's slot sync worker,
     * whose naps grow up to 30 s while it finds nothing to do.
     */
    private static void awaitSlotSynced(TestDatabase source, TestDatabase standby) {
        String confirmed = source.queryValue("SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name LIKE 'pgmigrate%'");
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300)).until(() -> {
            source.execute("SELECT pg_log_standby_snapshot()");
            standby.execute("SELECT pg_reload_conf()");
            return "t".equals(standby.queryValue("SELECT count(*) = 1 FROM pg_replication_slots WHERE slot_name LIKE 'pgmigrate%'"
                    + " AND synced AND NOT temporary AND confirmed_flush_lsn >= '" + confirmed + "'::pg_lsn"));
        });
    }
}
