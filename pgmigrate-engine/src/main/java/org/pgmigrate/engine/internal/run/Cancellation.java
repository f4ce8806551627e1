package org.pgmigrate.engine.internal.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.engine.internal.jdbc.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a run (offline, the copy of an online one, or one database of several) from another
 * thread. Knows every connection the run opens (through
 * {@link #tracking(Connector)}); {@link #cancel()} asks the servers to cancel what each one runs
 * (a COPY or CREATE INDEX stops at once, its transaction rolls back) and then closes its socket,
 * so that a thread blocked reading or writing wakes up with an error at once. The run checks
 * {@link #check()} between its steps, and a connection opened after the cancellation is closed
 * before it is used. Thread-safe.
 */
public final class Cancellation {
    private static final Logger LOG = LoggerFactory.getLogger(Cancellation.class);

    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Cancellation> parts = ConcurrentHashMap.newKeySet();
    private final Cancellation whole;
    private volatile boolean cancelled;

    /** The cancellation of a whole run. */
    public Cancellation() {
        this.whole = null;
    }

    private Cancellation(Cancellation whole) {
        this.whole = whole;
    }

    /**
     * The cancellation of a part of this run (one database of several): cancelled with the run,
     * or on its own while the rest goes on.
     */
    public Cancellation part() {
        Cancellation part = new Cancellation(this);
        // added before the flag is read, and the flag set before the parts are read: one of the two sees the other
        parts.add(part);
        if (cancelled) {
            part.cancel();
        }
        return part;
    }

    /** The cancellation of the whole run this one is part of (itself for a whole run): what identifies the run. */
    public Cancellation run() {
        return whole == null ? this : whole.run();
    }

    /** A connector whose connections this cancellation closes. */
    public Connector tracking(Connector connector) {
        return connector.onOpen(this::track);
    }

    /** Whether {@link #cancel()} was called. */
    public boolean cancelled() {
        return cancelled;
    }

    /** Throws {@link ErrorKind#CANCELLED} once the run was cancelled. */
    public void check() {
        if (cancelled) {
            throw new PgMigrateException(ErrorKind.CANCELLED, "The migration was cancelled.");
        }
    }

    /**
     * What a cancelled run says: that it was cancelled and, once the target was changed, how to
     * continue it.
     */
    public static String message(String migrationId, boolean targetChanged) {
        return "Migration " + migrationId + " was cancelled" + (targetChanged
                ? ". The target database keeps what was done so far, and the journal of it: continue where it stopped with"
                + " resume() (pgmigrate migrate ... --resume) and the same source, target and options, or drop and"
                + " recreate the target database to start over."
                : " before it changed the target.");
    }

    /** What a cancelled online run says; it cannot be resumed, and its replication objects' fate follows. */
    public static String onlineMessage(String migrationId) {
        return "The online migration " + migrationId + " was cancelled.";
    }

    private void track(Connection connection) {
        connections.removeIf(Cancellation::isClosed);
        // added before the flag is read, and the flag set before the set is read: one of the two sees the other
        connections.add(connection);
        if (cancelled) {
            connections.remove(connection);
            check();
        }
    }

    /**
     * Cancels the statement each connection runs, then closes them all; returns when every one
     * is closed. Idempotent.
     */
    public void cancel() {
        cancelled = true;
        List<Connection> open = List.copyOf(connections);
        LOG.info("Cancelling: stopping the statements of {} sessions and closing them", open.size());
        for (Connection c : open) {
            Connector.cancelStatementQuietly(c);
        }
        for (Connection c : open) {
            Connector.abortQuietly(c);
            connections.remove(c);
        }
        parts.forEach(Cancellation::cancel);
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
