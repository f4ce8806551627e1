package org.pgmigrate.engine.internal.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.pgmigrate.DataPlan;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.ReplicationLag;
import org.pgmigrate.TableProgress;
import org.pgmigrate.TableResult;
import org.pgmigrate.engine.MutableClock;

class StatusTrackerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final List<String> passedOn = new ArrayList<>();
    private final StatusTracker tracker = new StatusTracker(new MigrationListener() {
        @Override
        public void tableFinished(TableResult result) {
            passedOn.add("finished " + result.name());
        }

        @Override
        public void phaseStarted(Phase phase) {
            passedOn.add("started " + phase);
        }
    }, MigrationMode.OFFLINE, clock);

    @Test
    void countsFinishedAndInFlightTablesAndTellsTheTimeLeftAtTheRateSoFar() {
        tracker.phaseStarted(Phase.DATA);
        tracker.dataPlanned(DataPlan.of(3, 3_000, 30_000));
        tracker.tableStarted("public.a");
        tracker.tableStarted("public.b");
        clock.advance(Duration.ofSeconds(2));
        tracker.tableFinished(table("a", 1_000, 10_000));
        tracker.tableProgress(TableProgress.builder().qualifiedName("public.b").rows(500).bytes(5_000)
                .estimatedRows(OptionalLong.of(1_000)).elapsed(Duration.ofSeconds(2)).build());

        RunStatus s = tracker.status();

        assertThat(s.state()).isEqualTo("running");
        assertThat(s.phase()).contains(Phase.DATA);
        assertThat(s.tablesDone()).isEqualTo(1);
        assertThat(s.plannedTables()).hasValue(3);
        assertThat(s.inFlight()).extracting(TableProgress::qualifiedName).containsExactly("public.b");
        assertThat(s.copiedRows()).isEqualTo(1_500);
        assertThat(s.copiedBytes()).isEqualTo(15_000);
        assertThat(s.bytesPerSecond()).isEqualTo(7_500.0);
        // 15,000 of 30,000 bytes in 2 s: 2 s left
        assertThat(s.remaining()).contains(Duration.ofSeconds(2));
        assertThat(s.elapsed()).isEqualTo(Duration.ofSeconds(2));
        assertThat(passedOn).containsExactly("started DATA", "finished a");
    }

    @Test
    void noTimeLeftIsGuessedOutsideTheDataPhase() {
        tracker.phaseStarted(Phase.DATA);
        tracker.dataPlanned(DataPlan.of(1, 10, 100));
        tracker.tableStarted("public.a");
        clock.advance(Duration.ofSeconds(1));
        tracker.tableFinished(table("a", 5, 50));
        tracker.phaseFinished(PhaseResult.of(Phase.DATA, Duration.ofSeconds(1)));
        tracker.phaseStarted(Phase.VERIFY);

        assertThat(tracker.status().remaining()).isEmpty();
        assertThat(tracker.status().phases()).extracting(PhaseResult::phase).containsExactly(Phase.DATA);
    }

    @Test
    void keepsTheLatestLagMeasurementsOnly() {
        for (int i = 0; i < StatusTracker.LAG_HISTORY + 5; i++) {
            tracker.lagMeasured(ReplicationLag.of(i, Duration.ofMillis(i), clock.instant(), i, i));
        }

        RunStatus s = tracker.status();

        assertThat(s.lagHistory()).hasSize(StatusTracker.LAG_HISTORY);
        assertThat(s.lagHistory().get(0).bytes()).isEqualTo(5);
        assertThat(s.lag()).hasValueSatisfying(l -> assertThat(l.bytes()).isEqualTo(StatusTracker.LAG_HISTORY + 4));
    }

    @Test
    void tellsHowTheRunEnded() {
        StatusTracker cancelled = new StatusTracker(MigrationListener.NONE, MigrationMode.ONLINE, clock);
        cancelled.ended(null, new java.util.concurrent.CompletionException(
                new PgMigrateException(ErrorKind.CANCELLED, "The migration was cancelled.")));
        StatusTracker failed = new StatusTracker(MigrationListener.NONE, MigrationMode.ONLINE, clock);
        failed.ended(null, new PgMigrateException(ErrorKind.MIGRATION_FAILED, "The target went away."));

        assertThat(cancelled.status().state()).isEqualTo("cancelled");
        assertThat(failed.status().state()).isEqualTo("failed");
        assertThat(failed.status().error()).contains("The target went away.");
        assertThat(failed.status().running()).isFalse();
    }

    private static TableResult table(String name, long rows, long bytes) {
        return TableResult.builder().schema("public").name(name).rows(rows).bytes(bytes)
                .copyDuration(Duration.ofSeconds(1)).indexDuration(Duration.ZERO).build();
    }
}
