package org.pgmigrate.engine.internal.run;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.ReplicationLag;

/**
 * An offline migration running on a thread of its own, from {@code Migration.Builder.start()}:
 * {@link #await()} gives what {@code execute()} would, {@link #cancel()} stops it through its
 * {@link Cancellation} and waits until it has ended.
 */
public final class OfflineHandle extends RunHandle {
    /** How long {@link #cancel()} waits for the run to end once its connections are closed. */
    private static final Duration CANCEL_WAIT = Duration.ofMinutes(1);

    private OfflineHandle(String migrationId, Optional<ThreadFactory> threadFactory) {
        super(migrationId, threadFactory, CANCEL_WAIT);
    }

    /**
     * Runs {@code migration}, given the handle's cancellation, on a new thread of the run; the
     * cancellation also identifies the run's threads (see {@link RunThreads}).
     */
    public static MigrationHandle start(String migrationId, Optional<ThreadFactory> threadFactory,
                                        Function<Cancellation, MigrationResult> migration) {
        OfflineHandle handle = new OfflineHandle(migrationId, threadFactory);
        handle.threads.newThread("offline", () -> handle.run(migration)).start();
        return handle;
    }

    private void run(Function<Cancellation, MigrationResult> migration) {
        try {
            outcome.complete(migration.apply(cancellation));
        } catch (PgMigrateException e) {
            outcome.fail(e);
        } catch (RuntimeException | Error e) {
            outcome.fail(new PgMigrateException(ErrorKind.MIGRATION_FAILED, String.valueOf(e.getMessage()), e));
        }
    }

    @Override
    protected void stop() {
        cancellation.cancel();
    }

    @Override
    public boolean awaitCaughtUp(Duration timeout) {
        throw onlineOnly("awaitCaughtUp()");
    }

    @Override
    public ReplicationLag lag() {
        throw onlineOnly("lag()");
    }

    @Override
    public MigrationResult cutover() {
        throw onlineOnly("cutover()");
    }

    private static PgMigrateException onlineOnly(String method) {
        return new PgMigrateException(ErrorKind.INVALID_REQUEST, method + " is for online migrations (mode(MigrationMode.ONLINE)):"
                + " an offline migration has no change stream and ends by itself; use await() for its result or cancel() to stop it.");
    }
}
