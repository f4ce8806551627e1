package org.pgmigrate.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.PgMigrateException;

/**
 * Ctrl-C (or SIGTERM) while a migration runs: a shutdown hook cancels the migration, which stops
 * its workers and closes its connections, then holds the exit until the command has reported how
 * it ended (summary, report file) and adds {@code hint}. The hook belongs to the command line,
 * never to the library. Open it around the whole run; closing it removes the hook.
 */
final class CancelOnExit implements AutoCloseable {
    /** How long the hook waits for the command to report the end once the migration is cancelled. */
    private static final long REPORT_WAIT_SECONDS = 30;

    private final PrintStream err;
    private final String hint;
    private final Thread hook = new Thread(this::onExit, "pgmigrate-cancel");
    private final CountDownLatch reported = new CountDownLatch(1);
    private MigrationHandle handle;
    private boolean exiting;

    /** @param hint printed after a cancellation, or null */
    CancelOnExit(PrintStream err, String hint) {
        this.err = err;
        this.hint = hint;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** From now on, an exit cancels {@code started}; when the exit has begun already, cancels it now. */
    void running(MigrationHandle started) {
        boolean cancelNow;
        synchronized (this) {
            handle = started;
            cancelNow = exiting;
        }
        if (cancelNow) {
            started.cancel();
        }
    }

    private void onExit() {
        MigrationHandle running;
        synchronized (this) {
            exiting = true;
            running = handle;
        }
        if (running != null) {
            running.cancel();
        }
        boolean ended;
        try {
            // the command reports the end (the cancellation, mostly) on its own thread
            ended = reported.await(REPORT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            running = handle;
        }
        if (hint != null && ended && running != null && cancelled(running)) {
            err.println("pgmigrate: " + hint);
            err.flush();
        }
    }

    /** Whether {@code ended}, a migration that has ended, was cancelled. */
    private static boolean cancelled(MigrationHandle ended) {
        try {
            ended.await();
            return false;
        } catch (PgMigrateException e) {
            return e.kind() == ErrorKind.CANCELLED;
        }
    }

    /** The command has reported the end: an exit no longer waits, and the hook is removed. */
    @Override
    public void close() {
        reported.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs: it finishes once this has counted down
        }
    }
}
