package org.pgmigrate.engine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.MigrationFailedException;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.engine.internal.run.Cancellation;
import org.pgmigrate.engine.internal.run.RunThreads;

/**
 * Migrates the databases of a run of several, up to a number side by side, each under a
 * cancellation of its own part of the run. When one fails the others are stopped at once (their
 * journals let a resume continue them), or, when asked, migrated to their end; either way every
 * database's outcome is known when this returns, and no database runs on behind the caller.
 */
final class DatabaseRuns {
    /** One database's migration, stopped by {@code part}. */
    @FunctionalInterface
    interface Migrate {
        MigrationResult run(Cancellation part) throws Exception;
    }

    /** What became of one database: its result (partial when it failed), or why it failed, or that it never started. */
    record Outcome(String database, MigrationResult result, Throwable failure, boolean started) {
        boolean completed() {
            return failure == null && started;
        }
    }

    /** Every database's outcome, in the order given, and the index of the failure that came first. */
    record Outcomes(List<Outcome> each, int firstFailure) {
        /** The names of the databases whose outcome matches. */
        List<String> named(Predicate<Outcome> which) {
            return each.stream().filter(which).map(Outcome::database).toList();
        }

        /**
         * "Databases completed: [a]." and, where there are any, those that also failed, were
         * stopped (by the failure of {@code failed}, or by the run's cancellation) or never started.
         */
        String describedBeside(String failed, boolean runCancelled) {
            StringBuilder out = new StringBuilder("Databases completed: " + named(Outcome::completed) + ".");
            Predicate<Outcome> other = o -> !o.database().equals(failed);
            List<String> alsoFailed = each.stream().filter(other.and(o -> o.failure() != null && !stopped(o)))
                    .map(o -> o.database() + " (" + String.valueOf(o.failure().getMessage()).lines().findFirst().orElse("") + ")")
                    .toList();
            List<String> stopped = named(other.and(Outcomes::stopped));
            List<String> notStarted = named(o -> !o.started());
            if (!alsoFailed.isEmpty()) {
                out.append(" Also failed: ").append(alsoFailed).append('.');
            }
            if (!stopped.isEmpty()) {
                out.append(runCancelled ? " Also stopped: " : " Stopped when " + failed + " failed: ").append(stopped)
                        .append(" (resume() continues them where they stopped).");
            }
            if (!notStarted.isEmpty()) {
                out.append(" Not started: ").append(notStarted).append('.');
            }
            return out.toString();
        }

        private static boolean stopped(Outcome o) {
            return o.failure() instanceof PgMigrateException p && p.kind() == ErrorKind.CANCELLED;
        }
    }

    private DatabaseRuns() {}

    static Outcomes run(List<String> databases, List<Migrate> migrations, int inParallel, boolean finishOthers, Cancellation run,
                        RunThreads threads) throws InterruptedException {
        List<Cancellation> parts = new ArrayList<>();
        databases.forEach(d -> parts.add(run.part()));
        boolean[] started = new boolean[databases.size()];
        AtomicInteger first = new AtomicInteger(-1);
        AtomicBoolean stopping = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(inParallel, r -> threads.newThread("database", r));
        CompletionService<MigrationResult> done = new ExecutorCompletionService<>(pool);
        Map<Future<MigrationResult>, Integer> indexOf = new HashMap<>();
        try {
            for (int i = 0; i < databases.size(); i++) {
                int index = i;
                indexOf.put(done.submit(() -> {
                    if (stopping.get() || parts.get(index).cancelled()) {
                        return null; // stopped before it began: nothing of it is on the target
                    }
                    started[index] = true;
                    try {
                        return migrations.get(index).run(parts.get(index));
                    } catch (Exception | Error e) {
                        // stopped here, before this thread takes the next database
                        if (first.compareAndSet(-1, index) && !finishOthers) {
                            // flagged before the slow part (closing sessions), which frees threads that must not start another
                            stopping.set(true);
                            parts.forEach(Cancellation::cancel);
                        }
                        throw e;
                    }
                }), index);
            }
            MigrationResult[] results = new MigrationResult[databases.size()];
            Throwable[] failures = new Throwable[databases.size()];
            for (int n = 0; n < databases.size(); n++) {
                Future<MigrationResult> next = done.take();
                int i = indexOf.get(next);
                try {
                    results[i] = next.get();
                } catch (ExecutionException e) {
                    failures[i] = e.getCause();
                    results[i] = e.getCause() instanceof MigrationFailedException f ? f.partialResult() : null;
                }
            }
            List<Outcome> each = new ArrayList<>();
            for (int i = 0; i < databases.size(); i++) {
                each.add(new Outcome(databases.get(i), results[i], failures[i], started[i]));
            }
            return new Outcomes(each, first.get());
        } catch (InterruptedException e) {
            parts.forEach(Cancellation::cancel); // none goes on behind the caller
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }
}
