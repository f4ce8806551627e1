package org.pgmigrate.engine.internal.run;

import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;

/**
 * Makes the threads of one run: with the caller's {@link ThreadFactory} when the request has
 * one, else daemon threads named after the run. Each thread knows the run it works for, so a
 * call from inside the run (a listener that cancels it) is told from one outside without
 * looking at thread names.
 */
public final class RunThreads {
    private static final ThreadLocal<Object> RUN = new ThreadLocal<>();

    private final ThreadFactory callerFactory;
    private final String migrationId;
    private final Object run;

    /**
     * @param run what identifies the run: every part of one run gives the same object (its
     *     {@link Cancellation})
     */
    public RunThreads(Optional<ThreadFactory> callerFactory, String migrationId, Object run) {
        this.callerFactory = callerFactory.orElse(null);
        this.migrationId = migrationId;
        this.run = run;
    }

    /** Threads of a run of their own, made by pgmigrate, for tests and tools. */
    public static RunThreads ofItsOwn(String migrationId) {
        return new RunThreads(Optional.empty(), migrationId, new Object());
    }

    /** A new, not yet started thread of the run doing {@code task}; {@code role} ends its name when pgmigrate names it. */
    public Thread newThread(String role, Runnable task) {
        Runnable marked = () -> {
            RUN.set(run);
            try {
                task.run();
            } finally {
                RUN.remove();
            }
        };
        if (callerFactory != null) {
            Thread t = callerFactory.newThread(marked);
            if (t == null) {
                throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "The thread factory " + callerFactory.getClass().getName()
                        + " made no thread for migration " + migrationId + ".");
            }
            return t;
        }
        Thread t = new Thread(marked, "pgmigrate-" + migrationId + "-" + role);
        t.setDaemon(true);
        return t;
    }

    /** Whether the calling thread is one of this run's. */
    public boolean isCurrent() {
        return RUN.get() == run;
    }
}
