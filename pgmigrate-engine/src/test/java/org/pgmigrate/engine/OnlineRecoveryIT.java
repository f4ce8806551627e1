package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * The apply connection (on the target) and the stream's walsender (on the source) are killed
 * while changes flow, in the middle of a large transaction too: the migration resumes from the
 * origin's progress and ends equal to the source. A transaction applied twice would break the
 * unique key of {@code online.guard} or the row counts; one lost would show in the comparison.
 */
@ExtendWith(PostgresExtension.class)
class OnlineRecoveryIT implements OnSharedOnlineTarget {
    private static final String APPLY = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE application_name = 'pgmigrate-apply' AND datname = current_database()";
    private static final String STREAM = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE application_name = 'pgmigrate-stream' AND datname = current_database()";

    @Test
    void killedApplyAndStreamConnectionsLoseAndRepeatNothing(
            @Pg(instance = "online-source", settings = "wal_level=logical") TestDatabase source,
            @Pg(instance = "online-target") TestDatabase target) throws Exception {
        OnlineWorkload.createSchema(source, 17);
        try (OnlineWorkload workload = OnlineWorkload.start(source);
             MigrationHandle handle = Migration.from(source.endpoint()).to(target.endpoint()).mode(MigrationMode.ONLINE)
                     .jobs(2).start()) {
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(3))).isTrue();
            int killedApply = 0;
            int killedStream = 0;
            for (int round = 0; round < 3; round++) {
                int first = 1 + round * 100_000;
                CompletableFuture<Void> large = CompletableFuture.runAsync(() -> OnlineWorkload.largeTransaction(source, first, 20_000));
                large.join();
                // the large transaction is streaming or being applied now
                Thread.sleep(150);
                killedApply += Integer.parseInt(target.queryValue(APPLY));
                assertThat(handle.awaitCaughtUp(Duration.ofMinutes(3))).isTrue();
                OnlineWorkload.largeTransaction(source, first + 50_000, 20_000);
                Thread.sleep(150);
                killedStream += Integer.parseInt(source.queryValue(STREAM));
                assertThat(handle.awaitCaughtUp(Duration.ofMinutes(3))).isTrue();
            }
            assertThat(killedApply).as("apply sessions killed").isPositive();
            assertThat(killedStream).as("walsenders killed").isPositive();
            workload.close();
            handle.cutover();
        }
        assertThatDatabase(target).isEquivalentTo(source);
        assertThat(target.queryValue("SELECT count(*) FROM online.bulk")).isEqualTo("120000");
        OnlineMigrationIT.assertNothingLeft(source, target);
    }
}
