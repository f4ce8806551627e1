package org.pgmigrate.engine.internal.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.ReplicationLag;
import org.pgmigrate.TableProgress;

/**
 * Where a run stands at one moment: what the status page and {@code /status.json} show.
 *
 * @param migrationId empty until the run has its id
 * @param state {@code running}, {@code completed}, {@code failed} or {@code cancelled}
 * @param phase the phase running now (the last one started)
 * @param plannedTables tables the data phase planned to copy, empty before it planned
 * @param copiedRows rows of finished tables and of those in flight so far
 * @param remaining the time left of the copy at its rate so far, while it runs
 * @param lagHistory the latest lag measurements, oldest first (online)
 * @param error what stopped a failed or cancelled run
 */
public record RunStatus(Optional<String> migrationId, MigrationMode mode, String state, Optional<Phase> phase,
        Instant startedAt, Duration elapsed, List<PhaseResult> phases,
        OptionalLong plannedTables, OptionalLong estimatedRows, OptionalLong estimatedBytes,
        long tablesDone, List<TableProgress> inFlight, long copiedRows, long copiedBytes,
        double rowsPerSecond, double bytesPerSecond, Optional<Duration> remaining,
        long tablesVerified, long tablesDiffering, long warnings,
        Optional<ReplicationLag> lag, List<ReplicationLag> lagHistory, Optional<String> error) {

    /** Whether the run still goes on: a page of it refreshes itself. */
    public boolean running() {
        return state.equals("running");
    }
}
