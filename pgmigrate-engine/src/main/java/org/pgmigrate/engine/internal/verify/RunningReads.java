package org.pgmigrate.engine.internal.verify;

import org.pgmigrate.engine.internal.copy.Workers;

/**
 * How many of a table's reads run, and the one job that waits for them to end. A table's finish
 * (its constraints' {@code ALTER TABLE}, which locks it exclusively) would wait for a running
 * read's lock with a worker held idle; handed to the read instead, it runs on the read's worker
 * right after it, and the other worker goes on with the next copy or build.
 */
final class RunningReads {
    private int running;
    private Workers.Job after;

    synchronized void started() {
        running++;
    }

    /** One read ended: the job left to the table's reads once none runs, else null. */
    synchronized Workers.Job ended() {
        running--;
        if (running > 0) {
            return null;
        }
        Workers.Job job = after;
        after = null;
        return job;
    }

    /** Leaves {@code job} to the reads that run now: false, for the caller to run it, where none runs. */
    synchronized boolean handOver(Workers.Job job) {
        if (running == 0) {
            return false;
        }
        if (after != null) {
            throw new IllegalStateException("a job already waits for the reads");
        }
        after = job;
        return true;
    }
}
