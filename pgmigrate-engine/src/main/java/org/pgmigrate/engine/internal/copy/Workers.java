package org.pgmigrate.engine.internal.copy;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.pgmigrate.engine.internal.run.RunThreads;
import org.pgmigrate.engine.internal.jdbc.Connector;
import org.slf4j.MDC;

/**
 * A fixed number of worker threads, each with its own source connection (inside the shared
 * snapshot) and target connection, opened on first use and kept for the whole run. The first
 * job that fails stops the rest: jobs not yet started are skipped and {@link #awaitIdle()}
 * rethrows that failure. A job that throws an {@link Error} fails the run too: were it to end
 * its thread unnoticed, the run could report success with a table missing.
 */
public final class Workers implements AutoCloseable {
    /** Work for one worker thread. */
    @FunctionalInterface
    public interface Job {
        void run(Session session) throws Exception;
    }

    /** The connections of one worker thread, each opened on first use. */
    public static final class Session {
        private final Supplier<Connection> sourceFactory;
        private final Supplier<Connection> targetFactory;
        private final int lane;
        private Connection source;
        private Connection target;

        Session(Supplier<Connection> sourceFactory, Supplier<Connection> targetFactory, int lane) {
            this.sourceFactory = sourceFactory;
            this.targetFactory = targetFactory;
            this.lane = lane;
        }

        /** Which of the workers this is, from 1 to their number: the lane of its work on the run's timeline. */
        public int lane() {
            return lane;
        }

        public Connection source() {
            if (source == null) {
                source = sourceFactory.get();
            }
            return source;
        }

        public Connection target() {
            if (target == null) {
                target = targetFactory.get();
            }
            return target;
        }

        /**
         * Drops both connections after a failure; the next use opens new ones (a new source
         * connection joins the run's snapshot again).
         */
        public void reset() {
            close();
            source = null;
            target = null;
        }

        void close() {
            Connector.closeQuietly(source);
            Connector.closeQuietly(target);
        }
    }

    /**
     * How urgent a job is: index builds go before further copies, so tables finish early, and
     * verification's reads after both.
     */
    public enum Priority {
        HIGH,
        NORMAL,
        LOW
    }

    private final int threads;
    private final ExecutorService executor;
    private final AtomicLong sequence = new AtomicLong();
    /** Jobs in the queue of a priority above {@link Priority#LOW}. */
    private final AtomicInteger waitingAboveLow = new AtomicInteger();
    private final ThreadLocal<Session> sessions = new ThreadLocal<>();
    private final List<Session> allSessions = new ArrayList<>();
    private final Supplier<Connection> sourceFactory;
    private final Supplier<Connection> targetFactory;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Phaser pending = new Phaser(1);
    private final Map<String, String> mdc;

    public Workers(int threads, RunThreads runThreads, Supplier<Connection> sourceFactory, Supplier<Connection> targetFactory) {
        AtomicInteger counter = new AtomicInteger();
        this.threads = threads;
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(),
                r -> runThreads.newThread("worker-" + counter.incrementAndGet(), r));
        this.sourceFactory = sourceFactory;
        this.targetFactory = targetFactory;
        this.mdc = MDC.getCopyOfContextMap();
    }

    /** Runs {@code job} on a worker after the jobs submitted before it; ignored once a job has failed. */
    public void submit(Job job) {
        submit(Priority.NORMAL, job);
    }

    /** Runs {@code job} on a worker, before any waiting job of lower priority. */
    public void submit(Priority priority, Job job) {
        submit(priority, 0, job);
    }

    /**
     * Runs {@code job} on a worker, before any waiting job of lower priority, and before those of
     * its priority that are smaller by {@code size} (bytes it works on): the largest left to the
     * end would run alone while the other workers wait.
     */
    public void submit(Priority priority, long size, Job job) {
        pending.register();
        boolean aboveLow = priority != Priority.LOW;
        if (aboveLow) {
            waitingAboveLow.incrementAndGet();
        }
        executor.execute(new Ordered(priority, size, sequence.incrementAndGet(), () -> {
            if (aboveLow) {
                waitingAboveLow.decrementAndGet();
            }
            try {
                if (failure.get() == null) {
                    if (mdc != null) {
                        MDC.setContextMap(mdc);
                    }
                    job.run(session());
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            } finally {
                MDC.clear();
                pending.arriveAndDeregister();
            }
        }));
    }

    /** A queued job: by priority, then the larger first, then in submission order. */
    private record Ordered(Priority priority, long size, long sequence, Runnable body) implements Runnable, Comparable<Ordered> {
        @Override
        public void run() {
            body.run();
        }

        @Override
        public int compareTo(Ordered other) {
            int byPriority = priority.compareTo(other.priority);
            if (byPriority != 0) {
                return byPriority;
            }
            int bySize = Long.compare(other.size, size);
            return bySize != 0 ? bySize : Long.compare(sequence, other.sequence);
        }
    }

    /** How many worker threads there are. */
    public int threads() {
        return threads;
    }

    /** Whether a job failed, so that the rest are being skipped: no point in retrying then. */
    public boolean stopping() {
        return failure.get() != null;
    }

    /**
     * How many workers have nothing to do at this moment: none while jobs wait in the queue. A job
     * that asks counts itself as busy.
     */
    public int idle() {
        return Math.max(0, threads - (pending.getRegisteredParties() - 1));
    }

    /**
     * How many other workers a job may lend cores from at this moment: the idle ones, and once no
     * job above {@link Priority#LOW} waits, every other one, since what they run then ends with
     * nothing urgent to start after it.
     */
    public int spare() {
        return waitingAboveLow.get() == 0 ? threads - 1 : idle();
    }

    /**
     * Waits until every submitted job has finished, then rethrows the first failure, if any: an
     * exception as it was, an {@link Error} as the cause of a {@link WorkerError}, so that the
     * run's own failure handling (journal, cleanup, report) sees it as it sees any other.
     */
    public void awaitIdle() throws Exception {
        pending.arriveAndAwaitAdvance();
        Throwable t = failure.get();
        if (t instanceof Exception e) {
            throw e;
        }
        if (t != null) {
            throw new WorkerError(t);
        }
    }

    /** A job ended with an {@link Error}; the error is the cause. */
    public static final class WorkerError extends Exception {
        private static final long serialVersionUID = 1L;

        WorkerError(Throwable error) {
            super("A worker thread failed with " + error, error);
        }
    }

    private Session session() {
        Session s = sessions.get();
        if (s == null) {
            synchronized (allSessions) {
                s = new Session(sourceFactory, targetFactory, allSessions.size() + 1);
                allSessions.add(s);
            }
            sessions.set(s);
        }
        return s;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        synchronized (allSessions) {
            allSessions.forEach(Session::close);
            allSessions.clear();
        }
    }
}
