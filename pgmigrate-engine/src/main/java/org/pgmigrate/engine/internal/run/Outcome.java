package org.pgmigrate.engine.internal.run;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;

/** How a migration running on a thread of its own ended, for the methods of its handle. Thread-safe. */
public final class Outcome {
    private final CompletableFuture<MigrationResult> future = new CompletableFuture<>();

    public void complete(MigrationResult result) {
        future.complete(result);
    }

    public void fail(PgMigrateException failure) {
        future.completeExceptionally(failure);
    }

    public boolean isDone() {
        return future.isDone();
    }

    /** Waits for the end, and returns the result or throws the failure. */
    public MigrationResult await() {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof PgMigrateException p) {
                throw p;
            }
            throw e;
        }
    }

    /**
     * Waits up to {@code timeout} for the end, and returns the result or throws the failure.
     *
     * @return empty when it did not come in time
     */
    public Optional<MigrationResult> await(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(future.get(nanos(timeout), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PgMigrateException p) {
                throw p;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The end as a stage that callers cannot complete themselves. */
    public CompletionStage<MigrationResult> stage() {
        return future.minimalCompletionStage();
    }

    /** A timeout in nanoseconds; one beyond what a long holds (292 years) is as good as forever. */
    private static long nanos(Duration timeout) {
        try {
            return Math.max(0, timeout.toNanos());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Waits up to {@code timeout} for the end, whatever it is (the failure is for {@link #await()}).
     *
     * @return false when it did not come in time or the wait was interrupted
     */
    public boolean awaitEnd(Duration timeout) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException failed) {
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
