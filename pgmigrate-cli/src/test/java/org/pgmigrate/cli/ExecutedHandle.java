package org.pgmigrate.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.ReplicationLag;

/**
 * The handle a test's executor stands behind, in place of the engine's: {@link #await()} runs the
 * executor once, on the calling thread, and returns or throws what it does.
 */
final class ExecutedHandle implements MigrationHandle {
    private final Supplier<MigrationResult> executor;
    private MigrationResult result;
    private RuntimeException failure;
    private boolean ran;

    ExecutedHandle(Supplier<MigrationResult> executor) {
        this.executor = executor;
    }

    @Override
    public String migrationId() {
        return "executed";
    }

    @Override
    public synchronized MigrationResult await() {
        if (!ran) {
            ran = true;
            try {
                result = executor.get();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    @Override
    public Optional<MigrationResult> await(Duration timeout) {
        return Optional.of(await());
    }

    @Override
    public CompletionStage<MigrationResult> completion() {
        try {
            return CompletableFuture.completedFuture(await());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void cancel() {
        // the executor runs on the command's thread: nothing to stop from another
    }

    @Override
    public void close() {
        cancel();
    }

    @Override
    public boolean awaitCaughtUp(Duration timeout) {
        throw new UnsupportedOperationException("a test's executor runs offline");
    }

    @Override
    public ReplicationLag lag() {
        throw new UnsupportedOperationException("a test's executor runs offline");
    }

    @Override
    public MigrationResult cutover() {
        throw new UnsupportedOperationException("a test's executor runs offline");
    }
}
