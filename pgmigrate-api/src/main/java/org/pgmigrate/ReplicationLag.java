package org.pgmigrate;

import java.time.Duration;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * How far the target is behind the source during an online migration.
 *
 * <p>{@link #bytes()} is the WAL the source has written since the last position whose changes
 * are applied on the target; {@link #delay()} is how long ago the source committed the oldest
 * transaction received but not yet committed on the target, or zero when none is pending (the
 * source's clock against this machine's, so keep both synchronised). Transactions the source
 * committed but has not yet sent are not seen: under a backlog, {@link #bytes()} tells. While the initial copy runs,
 * both grow from the moment the copy's snapshot was taken.
 */
@Value.Immutable
public abstract class ReplicationLag {
    public static ReplicationLag of(long bytes, Duration delay, Instant measuredAt, long appliedTransactions, long appliedRows) {
        return new Builder().bytes(bytes).delay(delay).measuredAt(measuredAt)
                .appliedTransactions(appliedTransactions).appliedRows(appliedRows).build();
    }

    /** WAL bytes between the source's current position and the applied position. */
    public abstract long bytes();

    public abstract Duration delay();

    /** When this was measured. */
    public abstract Instant measuredAt();

    /** Source transactions applied on the target so far. */
    public abstract long appliedTransactions();

    /** Rows inserted, updated or deleted on the target by the stream so far. */
    public abstract long appliedRows();

    public static class Builder extends ImmutableReplicationLag.Builder {}
}
