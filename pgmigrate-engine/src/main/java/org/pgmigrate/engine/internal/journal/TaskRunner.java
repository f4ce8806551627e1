package org.pgmigrate.engine.internal.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.WarningCodes;
import org.pgmigrate.engine.internal.copy.Workers;
import org.pgmigrate.engine.internal.jdbc.TransientErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task of the migration in one target transaction together with its journal record, unless
 * the journal has it done already, and tries it again on new connections when it failed for a
 * transient reason (a dropped connection, a terminated session, a serialization failure), waiting
 * longer each time. Since the task's work and its "done" record commit together, a retry after a
 * failed commit first asks the target whether the commit happened.
 */
public final class TaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    /** The work of one task, run inside the target transaction of {@code session.target()}. */
    @FunctionalInterface
    public interface Work {
        Journal.Outcome run(Workers.Session session) throws Exception;
    }

    /** How often a task is tried, and the wait before the first retry (doubled each time, at most 30 s). */
    public record Retries(int attempts, Duration firstDelay) {
        public static final Retries DEFAULT = new Retries(5, Duration.ofSeconds(1));
    }

    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final Journal journal;
    private final Retries retries;
    private final Consumer<MigrationWarning> warn;
    private final BooleanSupplier stopping;

    /**
     * @param stopping whether the run is stopping anyway (another task failed, or it was
     *     cancelled and its connections closed): a failure then is not tried again
     */
    public TaskRunner(Journal journal, Retries retries, Consumer<MigrationWarning> warn, BooleanSupplier stopping) {
        this.journal = journal;
        this.retries = retries;
        this.warn = warn;
        this.stopping = stopping;
    }

    public Journal journal() {
        return journal;
    }

    /**
     * Runs {@code task} unless it is done, and returns what it moved (as recorded, when an earlier
     * run did it).
     */
    public Journal.Outcome run(Workers.Session session, String task, Work work) throws Exception {
        return runTogether(session, List.of(task), s -> Map.of(task, work.run(s))).get(task);
    }

    /** The work of several tasks done in one transaction: what each moved, by task. */
    @FunctionalInterface
    public interface Together {
        Map<String, Journal.Outcome> run(Workers.Session session) throws Exception;
    }

    /**
     * Runs {@code tasks} in one target transaction (many small tasks, which would otherwise cost a
     * commit and journal round trips each), unless they are done, and returns what each moved.
     * They are recorded done together, so an earlier run did all or none of them.
     */
    public Map<String, Journal.Outcome> runTogether(Workers.Session session, List<String> tasks, Together work) throws Exception {
        Optional<Map<String, Journal.Outcome>> earlier = done(tasks, journal::done);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Duration delay = retries.firstDelay();
        for (int attempt = 1; ; attempt++) {
            try {
                if (attempt > 1) {
                    Connection target = session.target();
                    Optional<Map<String, Journal.Outcome>> committed = done(tasks, task -> journal.doneOnTarget(target, task));
                    if (committed.isPresent()) {
                        LOG.info("{} had committed before its connection broke", tasks.get(0));
                        return committed.get();
                    }
                }
                return once(session, tasks, work);
            } catch (Exception e) {
                if (!TransientErrors.isTransient(e) || attempt >= retries.attempts() || stopping.getAsBoolean()) {
                    throw e;
                }
                String task = tasks.get(0) + (tasks.size() > 1 ? " (and " + (tasks.size() - 1) + " more in its transaction)" : "");
                warn.accept(MigrationWarning.of(WarningCodes.RETRIED, "Task \"" + task + "\" failed for a transient reason (" + e.getMessage()
                        + "); it ran again on new connections after " + delay.toMillis() + " ms (attempt " + (attempt + 1) + " of "
                        + retries.attempts() + "). Nothing it did before the failure was kept.", tasks));
                session.reset();
                Thread.sleep(delay.toMillis());
                delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
            }
        }
    }

    /** How the journal answers whether one task is done. */
    @FunctionalInterface
    private interface Lookup {
        Optional<Journal.Outcome> done(String task) throws SQLException;
    }

    /** The outcomes of {@code tasks} when they are done; they commit together, so the first one answers for all. */
    private static Optional<Map<String, Journal.Outcome>> done(List<String> tasks, Lookup lookup) throws SQLException {
        Optional<Journal.Outcome> first = lookup.done(tasks.get(0));
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Journal.Outcome> outcomes = new LinkedHashMap<>();
        outcomes.put(tasks.get(0), first.get());
        for (String task : tasks.subList(1, tasks.size())) {
            outcomes.put(task, lookup.done(task).orElse(Journal.Outcome.NONE));
        }
        return Optional.of(outcomes);
    }

    private Map<String, Journal.Outcome> once(Workers.Session session, List<String> tasks, Together work) throws Exception {
        Connection target = session.target();
        journal.started(target, tasks);
        target.setAutoCommit(false);
        Map<String, Journal.Outcome> outcomes;
        try {
            outcomes = work.run(session);
            if (!outcomes.keySet().equals(Set.copyOf(tasks))) {
                throw new IllegalStateException("The work of " + tasks + " reported " + outcomes.keySet());
            }
            journal.finished(target, outcomes);
            target.commit();
        } catch (Exception e) {
            rollbackQuietly(target);
            throw e;
        } finally {
            autoCommitQuietly(target);
        }
        journal.committed(outcomes);
        return outcomes;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: the server rolled the transaction back
        }
    }

    private static void autoCommitQuietly(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // as above; the session is reset before it is used again
        }
    }
}
