package org.pgmigrate;

import java.time.Duration;

/**
 * A running online migration, from {@link Migration.Builder#start()}: it copies, then applies the
 * source's changes on the target until {@link #cutover()} (or a {@code pgmigrate cutover} from
 * another process) or {@link #cancel()}. Thread-safe.
 *
 * <p>Closing it cancels the migration unless it has finished; closing twice does nothing.
 */
public interface MigrationHandle extends AutoCloseable {
    /** Identifies the run in logs and in the target's {@code pgmigrate.online_control} table. */
    String migrationId();

    /**
     * Waits until the target has applied every change the source had written when this was
     * called (the copy included).
     *
     * @return false when {@code timeout} passed first
     * @throws MigrationFailedException when the migration failed or was cancelled
     */
    boolean awaitCaughtUp(Duration timeout);

    /** The latest measurement of how far the target is behind. */
    ReplicationLag lag();

    /**
     * Takes the source's current WAL position, applies everything up to it, sets the sequences
     * from the source, verifies the tables, drops the slot, publication and origin, and returns
     * the result. Stop the applications' writes to the source first: changes committed after the
     * position are not migrated, and verification fails on them.
     *
     * @throws MigrationFailedException when the migration or the cutover failed
     */
    MigrationResult cutover();

    /**
     * Waits until the migration ends, after a cutover requested by someone else (e.g. the
     * command {@code pgmigrate cutover --target URL}).
     *
     * @throws MigrationFailedException when it failed or was cancelled
     */
    MigrationResult await();

    /**
     * Stops the migration and drops the slot, publication and origin; returns once they are
     * gone. The target keeps what was applied so far. Does nothing once the migration ended.
     */
    void cancel();

    /** Cancels the migration unless it has ended. */
    @Override
    void close();
}
