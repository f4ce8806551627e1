package org.pgmigrate.engine.internal.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.pgmigrate.MigrationWarning;
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
    public Journal.Outcome run(Workers.Session session, String task, Work work)
            throws Exception {
        Optional<Journal.Outcome> earlier = journal.done(task);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Duration delay = retries.firstDelay();
        for (int attempt = 1; ; attempt++) {
            try {
                if (attempt > 1) {
                    Optional<Journal.Outcome> committed = journal.doneOnTarget(session.target(), task);
                    if (committed.isPresent()) {
                        LOG.info("{} had committed before its connection broke", task);
                        return committed.get();
                    }
                }
                return once(session, task, work);
            } catch (Exception e) {
                if (!TransientErrors.isTransient(e) || attempt >= retries.attempts() || stopping.getAsBoolean()) {
                    throw e;
                }
                warn.accept(MigrationWarning.of("retried", "Task \"" + task + "\" failed for a transient reason (" + e.getMessage()
                        + "); it ran again on new connections after " + delay.toMillis() + " ms (attempt " + (attempt + 1) + " of "
                        + retries.attempts() + "). Nothing it did before the failure was kept.", List.of(task)));
                session.reset();
                Thread.sleep(delay.toMillis());
                delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
            }
        }
    }

    private Journal.Outcome once(Workers.Session session, String task, Work work) throws Exception {
        Connection target = session.target();
        journal.started(target, task);
        target.setAutoCommit(false);
        Journal.Outcome outcome;
        try {
            outcome = work.run(session);
            journal.finished(target, task, outcome);
            target.commit();
        } catch (Exception e) {
            rollbackQuietly(target);
            throw e;
        } finally {
            autoCommitQuietly(target);
        }
        journal.committed(task, outcome);
        return outcome;
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
