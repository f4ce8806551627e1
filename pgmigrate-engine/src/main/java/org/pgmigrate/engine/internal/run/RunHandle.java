package org.pgmigrate.engine.internal.run;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadFactory;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What offline and online handles share: the run's outcome, waited for in every way a handle
 * offers, and one way to cancel: stop the run, then wait for its end unless called from one of
 * its own threads (a listener callback), which would wait for itself.
 */
public abstract class RunHandle implements MigrationHandle {
    private static final Logger LOG = LoggerFactory.getLogger(RunHandle.class);

    protected final Outcome outcome = new Outcome();
    /** Stops the run's statements and closes its sessions; also what identifies the run's threads. */
    protected final Cancellation cancellation = new Cancellation();
    protected final RunThreads threads;
    protected final String migrationId;
    private final Duration cancelWait;

    /** @param cancelWait how long {@link #cancel()} waits for the run to end once it was told to stop */
    protected RunHandle(String migrationId, Optional<ThreadFactory> threadFactory, Duration cancelWait) {
        this.migrationId = migrationId;
        this.threads = new RunThreads(threadFactory, migrationId, cancellation);
        this.cancelWait = cancelWait;
    }

    /** Tells the run to stop; called once by {@link #cancel()} while the run has not ended. */
    protected abstract void stop();

    @Override
    public final String migrationId() {
        return migrationId;
    }

    @Override
    public final MigrationResult await() {
        return outcome.await();
    }

    @Override
    public final Optional<MigrationResult> await(Duration timeout) throws InterruptedException {
        return outcome.await(timeout);
    }

    @Override
    public final CompletionStage<MigrationResult> completion() {
        return outcome.stage();
    }

    @Override
    public final void cancel() {
        if (outcome.isDone()) {
            return;
        }
        stop();
        if (threads.isCurrent()) {
            // called by the run itself (from a listener callback): it ends once this returns
            return;
        }
        if (!outcome.awaitEnd(cancelWait)) {
            LOG.warn("The migration {} had not ended {} s after it was cancelled, though its connections are closed",
                    migrationId, cancelWait.toSeconds());
        }
    }

    @Override
    public final void close() {
        cancel();
    }
}
