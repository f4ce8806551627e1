package org.pgmigrate.engine.internal.online;

import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.WarningCodes;
import org.pgmigrate.engine.internal.jdbc.Connector;
import org.pgmigrate.engine.internal.jdbc.TransientErrors;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Begin;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Commit;
import org.pgmigrate.engine.internal.online.PgOutputMessage.StreamAbort;
import org.pgmigrate.engine.internal.online.PgOutputMessage.StreamCommit;
import org.pgmigrate.engine.internal.online.PgOutputMessage.StreamStart;
import org.pgmigrate.engine.internal.online.PgOutputMessage.StreamStop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the slot and applies its changes, one session (stream + apply connection) at a time.
 * A session that breaks (the walsender or the apply backend ended, a network failure) is closed
 * and a new one resumes from the origin's progress: the target rolled back whatever it had not
 * committed, and transactions it did commit are not streamed or applied again. A transaction the
 * source streams before its commit is spilled to a file until then ({@link StreamedTransactions});
 * a new session deletes the old one's spills, as the source streams them again from their start.
 * Transient failures (a connection that breaks or cannot be opened, as while the source fails
 * over) are retried for {@link #RETRY_WINDOW}; a session that resumes on another server of the
 * source URL (its standby, promoted) is reported as a failover.
 */
final class Replicator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Replicator.class);
    static final String APPLY_APPLICATION_NAME = "pgmigrate-apply";
    /** How long failures in a row are retried: long enough for a failover to promote a standby. */
    static final Duration RETRY_WINDOW = Duration.ofMinutes(2);
    private static final long MAX_RETRY_DELAY_MILLIS = 5000;
    private static final long STATUS_EVERY_MILLIS = 1000;
    /** How long the apply thread may leave the stream alone before {@link #keepalive()} speaks for it. */
    static final long KEEPALIVE_AFTER_MILLIS = 400;

    /** Decides when the loop ends, and stops it by throwing. */
    interface Until {
        /** Throws when the migration must stop (cancelled, WAL limit); called often. */
        void check();

        /** Whether to return, now that everything received up to {@code processed} is committed on the target. */
        boolean done(long processed) throws SQLException;
    }

    private final Connector source;
    private final Connector target;
    private final ReplicationNames names;
    private final CopiedTables tables;
    private final DdlCapture ddl;
    private final Clock clock;
    private final Consumer<MigrationWarning> warnings;
    private ChangeStream stream;
    /** The server the last session streamed from, as the source URL names it. */
    private String streamServer;
    private ChangeApplier applier;
    private StreamedTransactions streamed;
    private long lastStatusMillis;
    private long durable;
    private volatile long processed;
    private volatile boolean idle;
    private volatile long appliedTransactionsBefore;
    private volatile long appliedRowsBefore;
    private final Object progress = new Object();
    /** Held by whoever calls the stream: the apply thread, or {@link #keepalive()} while it is busy elsewhere. */
    private final ReentrantLock streamLock = new ReentrantLock();
    private volatile long lastStreamUseMillis;
    /** Polls in a row that found nothing, inside a source transaction. */
    private int emptyPolls;
    private static final int EMPTY_POLLS_BEFORE_PAUSE = 1000;

    Replicator(Connector source, Connector target, ReplicationNames names, CopiedTables tables, DdlCapture ddl, Clock clock, long start,
               Consumer<MigrationWarning> warnings) {
        this.warnings = warnings;
        this.ddl = ddl;
        this.source = source;
        this.target = target;
        this.names = names;
        this.tables = tables;
        this.clock = clock;
        this.processed = start;
    }

    /** Applies changes until {@code until} says done; survives broken sessions. */
    void run(Until until) throws Exception {
        int failures = 0;
        long failingSince = 0;
        while (true) {
            until.check();
            try {
                if (applier == null) {
                    open();
                }
                if (step(until)) {
                    return;
                }
                failures = 0;
            } catch (SQLException | PgMigrateException e) {
                closeSession();
                long now = clock.millis();
                if (failures++ == 0) {
                    failingSince = now;
                }
                if (!retryable(e)) {
                    throw failed(e);
                }
                if (now - failingSince > RETRY_WINDOW.toMillis()) {
                    throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Applying the source's changes failed for "
                            + RETRY_WINDOW.toSeconds() + " s, " + failures + " attempts: " + e.getMessage(), e);
                }
                LOG.warn("The replication session broke or could not be opened ({}); resuming from the last transaction committed"
                        + " on the target (attempt {}, retried for up to {} s)", e.getMessage(), failures, RETRY_WINDOW.toSeconds());
                Thread.sleep(Math.min(MAX_RETRY_DELAY_MILLIS, 250L * failures));
            }
        }
    }

    private PgMigrateException failed(Exception e) {
        if (e instanceof PgMigrateException p) {
            return p;
        }
        SQLException sql = (SQLException) e;
        return new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Applying the source's changes failed: " + sql.getMessage()
                + " (SQLSTATE " + sql.getSQLState() + ")", e);
    }

    private void open() throws SQLException {
        Properties batching = new Properties();
        // consecutive inserts of a table travel as multi-row INSERTs
        batching.setProperty("reWriteBatchedInserts", "true");
        ChangeApplier opened = new ChangeApplier(target.open(APPLY_APPLICATION_NAME, batching), names.origin(), tables, ddl, clock);
        try {
            streamed = StreamedTransactions.open(StreamedTransactions.directory(names));
            ChangeStream started = ChangeStream.start(source, names.slot(), names.publication(), opened.progress());
            onStream(() -> {
                stream = started;
                return null;
            });
        } catch (SQLException e) {
            opened.close();
            closeStreamed();
            if ("42704".equals(e.getSQLState())) {
                throw slotMissing(e);
            }
            throw e;
        } catch (RuntimeException e) {
            opened.close();
            closeStreamed();
            throw e;
        }
        applier = opened;
        durable = opened.progress();
        LOG.info("Streaming changes from {} (slot {})", Lsn.format(opened.progress()), names.slot());
        if (streamServer != null && !streamServer.equals(stream.server())) {
            warnings.accept(MigrationWarning.of(WarningCodes.SOURCE_FAILOVER, "The source failed over from " + streamServer + " to "
                    + stream.server() + ": the stream went on there from the last change the target committed ("
                    + Lsn.format(opened.progress()) + "), with its synchronized copy of the slot.", List.of(names.slot())));
        }
        streamServer = stream.server();
    }

    /** The slot is not where the stream reached: after a failover, the new primary had no copy of it. */
    private PgMigrateException slotMissing(SQLException e) {
        return new PgMigrateException(ErrorKind.MIGRATION_FAILED, "The replication slot " + names.slot() + " is not on the source"
                + " server the stream reached (" + e.getMessage() + "). If the source failed over, its new primary had no"
                + " synchronized copy of the slot, which needs a source of PostgreSQL 17 or newer whose standby runs with"
                + " sync_replication_slots = on (see the README). The changes since cannot be streamed: abandon the migration"
                + " (pgmigrate abandon) and start again into an empty database.", e);
    }

    /** Reads and applies what has arrived; returns whether {@code until} is done. */
    private boolean step(Until until) throws SQLException {
        boolean progressed = false;
        for (int i = 0; i < 10_000; i++) {
            ByteBuffer message = onStream(stream::poll);
            if (message == null) {
                break;
            }
            progressed = true;
            idle = false;
            receive(message, until);
            if (i % 256 == 255) {
                until.check();
                status(false);
            }
        }
        applier.idle();
        boolean nothingOpen = !applier.inSourceTransaction();
        long position = nothingOpen ? Lsn.max(applier.committedLsn(), onStream(stream::received)) : applier.committedLsn();
        publish(position, nothingOpen);
        status(nothingOpen);
        if (nothingOpen && until.done(position)) {
            return true;
        }
        // Inside a source transaction its next change is usually on its way: poll again at once, and
        // pause only once the stream has stayed empty for a while (the source idles in a transaction).
        emptyPolls = progressed ? 0 : emptyPolls + 1;
        if (nothingOpen) {
            sleep(5);
        } else if (emptyPolls > EMPTY_POLLS_BEFORE_PAUSE) {
            sleep(1);
        }
        return false;
    }

    /** Applies the message, or keeps it in the spill of its streamed transaction until that commits. */
    private void receive(ByteBuffer message, Until until) throws SQLException {
        if (streamed.receiving() && PgOutputDecoder.tag(message) != 'E') {
            streamed.spill(message);
            return;
        }
        PgOutputMessage decoded = PgOutputDecoder.decode(message);
        if (decoded instanceof StreamStart s) {
            streamed.start(s);
        } else if (decoded instanceof StreamStop) {
            streamed.stop();
        } else if (decoded instanceof StreamAbort a) {
            streamed.abort(a);
        } else if (decoded instanceof StreamCommit c) {
            applyStreamed(c, until);
        } else {
            applier.apply(decoded);
        }
    }

    /**
     * Applies a streamed transaction at its commit, from its spill, as the source transaction it
     * is (the origin advanced to its end with the target commit that holds it). The stream is not
     * read meanwhile: the status sent about once a second keeps the source from timing out.
     */
    private void applyStreamed(StreamCommit commit, Until until) throws SQLException {
        try (Spill.Reader changes = streamed.commit(commit.xid())) {
            applier.apply(new Begin(commit.commitLsn(), commit.commitTime(), commit.xid()));
            int applied = 0;
            for (ByteBuffer change = changes.next(); change != null; change = changes.next()) {
                applier.apply(PgOutputDecoder.decode(change));
                if (++applied % 256 == 0) {
                    until.check();
                    status(false);
                }
            }
            applier.apply(new Commit(commit.commitLsn(), commit.endLsn(), commit.commitTime()));
        }
    }

    private void publish(long position, boolean nothingOpen) {
        synchronized (progress) {
            processed = Lsn.max(processed, position);
            idle = nothingOpen;
            progress.notifyAll();
        }
    }

    /**
     * About once a second: learns what is durable on the target and reports it; the slot moves
     * only up to there (or, with nothing pending and everything durable, to the server's position,
     * so WAL of other databases and unpublished tables is not held).
     */
    private void status(boolean nothingOpen) throws SQLException {
        long now = clock.millis();
        if (now - lastStatusMillis < STATUS_EVERY_MILLIS) {
            return;
        }
        lastStatusMillis = now;
        durable = ChangeApplier.originProgress(applier.connection(), names.origin(), true);
        long committed = applier.committedLsn();
        boolean caughtUp = nothingOpen && !Lsn.before(durable, committed);
        onStream(() -> {
            stream.acknowledge(committed, caughtUp ? Lsn.max(durable, stream.received()) : durable);
            stream.sendStatus();
            return null;
        });
    }

    /** A call on the stream, under its lock. */
    private interface StreamCall<T> {
        T call() throws SQLException;
    }

    private <T> T onStream(StreamCall<T> call) throws SQLException {
        streamLock.lock();
        try {
            return call.call();
        } finally {
            lastStreamUseMillis = clock.millis();
            streamLock.unlock();
        }
    }

    /**
     * Called from another thread about twice a second: while the apply thread has left the
     * stream alone for a while (one long statement on the target: a replicated index build, a
     * large batch, a lock wait), sends the last status again, so the source does not take the
     * silence for a dead receiver ({@code wal_sender_timeout}) and end the session.
     */
    void keepalive() {
        if (clock.millis() - lastStreamUseMillis < KEEPALIVE_AFTER_MILLIS || !streamLock.tryLock()) {
            return;
        }
        try {
            if (stream != null) {
                stream.sendStatus();
                lastStreamUseMillis = clock.millis();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("A keepalive to the source failed: {}", e.getMessage()); // the apply thread meets the broken session itself
        } finally {
            streamLock.unlock();
        }
    }

    /** Waits until the applied changes are flushed on the target, for the cutover. */
    void awaitDurable(Duration timeout) throws SQLException {
        long deadline = clock.millis() + timeout.toMillis();
        long committed = applier.committedLsn();
        while (Lsn.before(ChangeApplier.originProgress(applier.connection(), names.origin(), true), committed)) {
            if (clock.millis() > deadline) {
                throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "The target did not flush the applied changes within "
                        + timeout.toSeconds() + " s");
            }
            sleep(20);
        }
    }

    /** Everything received up to here is committed on the target. */
    long processed() {
        return processed;
    }

    /**
     * How long ago the source committed the oldest transaction that is received but not yet
     * committed on the target; zero when nothing is pending.
     */
    Duration delay(Instant now) {
        ChangeApplier a = applier;
        Instant pending = a == null ? null : a.pendingSourceTime();
        return pending == null || pending.isAfter(now) ? Duration.ZERO : Duration.between(pending, now);
    }

    long appliedTransactions() {
        ChangeApplier a = applier;
        return appliedTransactionsBefore + (a == null ? 0 : a.appliedTransactions());
    }

    long appliedRows() {
        ChangeApplier a = applier;
        return appliedRowsBefore + (a == null ? 0 : a.appliedRows());
    }

    /** Waits until everything up to {@code position} is applied; false on timeout. */
    boolean awaitProcessed(long position, long deadlineMillis) throws InterruptedException {
        synchronized (progress) {
            while (!(idle && !Lsn.before(processed, position))) {
                long left = deadlineMillis - clock.millis();
                if (left <= 0) {
                    return false;
                }
                progress.wait(Math.min(left, 200));
            }
            return true;
        }
    }

    /** A broken session, or a connection the source or target refused while it cannot serve (a failover). */
    private static boolean retryable(Exception e) {
        if (e instanceof PgMigrateException p) {
            return p.kind() == ErrorKind.CONNECTION_FAILED && TransientErrors.isTransient(p);
        }
        String state = ((SQLException) e).getSQLState();
        return TransientErrors.isTransient(e)
                || "55006".equals(state) // the slot or origin is still held by the session that is going away
                || "55000".equals(state); // "replication origin ... is already active" on some majors
    }

    private void closeSession() {
        if (applier != null) {
            appliedTransactionsBefore += applier.appliedTransactions();
            appliedRowsBefore += applier.appliedRows();
            applier.close();
            applier = null;
        }
        streamLock.lock();
        try {
            if (stream != null) {
                stream.close();
                stream = null;
            }
        } finally {
            streamLock.unlock();
        }
        closeStreamed();
    }

    private void closeStreamed() {
        if (streamed != null) {
            streamed.close();
            streamed = null;
        }
    }

    /** Commits durably what is applied, for the cutover. */
    void commitDurably() throws SQLException {
        applier.commitDurably();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgMigrateException(ErrorKind.CANCELLED, "Interrupted");
        }
    }

    @Override
    public void close() {
        closeSession();
    }
}
