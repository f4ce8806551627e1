package org.pgmigrate;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A running migration, from {@link Migration.Builder#start()}. Thread-safe.
 *
 * <p>Offline, it runs to its end by itself: {@link #await()} waits for the result, {@link #cancel()}
 * stops it. Online, it copies, then applies the source's changes on the target until
 * {@link #cutover()} (or a {@code pgmigrate cutover} from another process) or {@link #cancel()};
 * {@link #awaitCaughtUp}, {@link #lag()} and {@link #cutover()} are for online migrations only and
 * throw {@link PgMigrateException} ({@link ErrorKind#INVALID_REQUEST}) on an offline one.
 *
 * <p>Closing it cancels the migration unless it has finished; closing twice does nothing.
 */
public interface MigrationHandle extends AutoCloseable {
    /** Identifies the run in logs, in its result and (online) in the target's {@code pgmigrate.online_control} table. */
    String migrationId();

    /**
     * Online: waits until the target has applied every change the source had written when this was
     * called (the copy included).
     *
     * @return false when {@code timeout} passed first
     * @throws MigrationFailedException when the migration failed or was cancelled
     */
    boolean awaitCaughtUp(Duration timeout);

    /** Online: the latest measurement of how far the target is behind. */
    ReplicationLag lag();

    /**
     * Online: takes the source's current WAL position, applies everything up to it, sets the sequences
     * from the source, verifies the tables, drops the slot, publication and origin, and returns
     * the result. Stop the applications' writes to the source first: changes committed after the
     * position are not migrated, and verification fails on them.
     *
     * @throws MigrationFailedException when the migration or the cutover failed
     */
    MigrationResult cutover();

    /**
     * Waits until the migration ends: offline, when it has run to its end; online, after a cutover
     * requested by someone else (e.g. the command {@code pgmigrate cutover --target URL}).
     *
     * @return what {@link Migration.Builder#execute()} would have returned
     * @throws PgMigrateException what {@code execute()} would have thrown; {@link ErrorKind#CANCELLED}
     *     after {@link #cancel()} ({@link MigrationFailedException} with the partial result once the
     *     target was changed)
     */
    MigrationResult await();

    /**
     * Waits up to {@code timeout} for the migration to end, as {@link #await()} does.
     *
     * @return the result, or empty when {@code timeout} passed first (the migration goes on)
     * @throws InterruptedException when the waiting thread is interrupted (the migration goes on)
     * @throws PgMigrateException what {@link #await()} would throw
     */
    Optional<MigrationResult> await(Duration timeout) throws InterruptedException;

    /**
     * The end of the migration as a stage: completed with what {@link #await()} returns, or
     * exceptionally with the {@link PgMigrateException} it throws. Functions given to it run on
     * the run's thread that ends it, or at once on the caller's when it has ended; they must not
     * block.
     */
    CompletionStage<MigrationResult> completion();

    /**
     * Stops the migration and returns once it has stopped; does nothing once it ended.
     *
     * <p>Offline: running statements are cancelled on both servers (a COPY or an index build stops
     * at once), open transactions roll back and every connection of the run is closed before this
     * returns, within seconds. The target keeps the tables completed so far and the journal, so
     * {@link Migration.Builder#resume()} continues the run where it stopped. Called from a
     * listener callback, it does not wait: the run ends once the callback returns.
     *
     * <p>Online: drops the slot, publication and origin, and returns once they are gone. The target
     * keeps what was applied so far.
     */
    void cancel();

    /**
     * The address of the live status page, when the migration was started with
     * {@link Migration.Builder#statusPort}; its JSON is at {@code status.json} beside it.
     */
    default Optional<java.net.URI> statusPage() {
        return Optional.empty();
    }

    /** Cancels the migration unless it has ended. */
    @Override
    void close();
}
