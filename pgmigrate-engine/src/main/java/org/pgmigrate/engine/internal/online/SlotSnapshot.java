package org.pgmigrate.engine.internal.online;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.engine.internal.jdbc.Connector;
import org.pgmigrate.engine.internal.jdbc.Sql;

/**
 * The replication connection that created the slot. Creating a logical slot exports a snapshot
 * of exactly the point the slot's changes start after; it stays valid only while this
 * connection stays open and runs no other command, so it is left idle until every copy session
 * has joined the snapshot and finished, then closed.
 */
final class SlotSnapshot implements AutoCloseable {
    static final String APPLICATION_NAME = "pgmigrate-slot";

    private final Connection connection;
    private final long consistentPoint;
    private final String snapshotName;

    private SlotSnapshot(Connection connection, long consistentPoint, String snapshotName) {
        this.connection = connection;
        this.consistentPoint = consistentPoint;
        this.snapshotName = snapshotName;
    }

    /**
     * Creates the pgoutput slot; waits for transactions running on the source to end first, as the
     * server must. On a source of 17 or newer the slot is a failover slot: a standby with
     * {@code sync_replication_slots} keeps it, so the migration survives a failover of the source.
     */
    static SlotSnapshot create(Connector source, String slot, int sourceMajor) {
        return create(source, slot, sourceMajor, false);
    }

    /**
     * A temporary slot, dropped when this connection closes, for its snapshot and consistent
     * point alone: a resumed copy reads under it, and the migration's own slot's stream skips, for
     * the tables it copies, the transactions committed before that point.
     */
    static SlotSnapshot createTemporary(Connector source, String slot, int sourceMajor) {
        return create(source, slot, sourceMajor, true);
    }

    private static SlotSnapshot create(Connector source, String slot, int sourceMajor, boolean temporary) {
        Connection connection = source.openReplication(APPLICATION_NAME);
        try {
            try (Statement s = connection.createStatement()) {
                // an exporting session must never be ended by a server-side timeout
                s.execute("SET statement_timeout = 0");
                s.execute("SET idle_in_transaction_session_timeout = 0");
            }
            String snapshot;
            long consistentPoint;
            try (Statement s = connection.createStatement()) {
                s.execute(command(slot, sourceMajor, temporary));
                try (ResultSet rs = s.getResultSet()) {
                    if (!rs.next()) {
                        throw new SQLException("CREATE_REPLICATION_SLOT returned no row");
                    }
                    consistentPoint = Lsn.parse(rs.getString("consistent_point"));
                    snapshot = rs.getString("snapshot_name");
                }
            }
            if (snapshot == null) {
                throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Creating replication slot " + slot
                        + " on the source exported no snapshot; the copy cannot be aligned with the stream.");
            }
            return new SlotSnapshot(connection, consistentPoint, snapshot);
        } catch (SQLException e) {
            Connector.closeQuietly(connection);
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Creating the logical replication slot " + slot
                    + " on the source failed: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
        } catch (RuntimeException e) {
            Connector.closeQuietly(connection);
            throw e;
        }
    }

    /** The replication command: 17 and newer take options in parentheses, and only they know FAILOVER. */
    static String command(String slot, int sourceMajor, boolean temporary) {
        String create = "CREATE_REPLICATION_SLOT " + Sql.ident(slot) + (temporary ? " TEMPORARY" : "") + " LOGICAL pgoutput";
        if (sourceMajor < 17) {
            return create + " EXPORT_SNAPSHOT";
        }
        return create + (temporary ? " (SNAPSHOT 'export')" : " (SNAPSHOT 'export', FAILOVER true)");
    }

    /** The position the slot's changes start after: the copy holds everything committed before it. */
    long consistentPoint() {
        return consistentPoint;
    }

    String snapshotName() {
        return snapshotName;
    }

    /** Ends the snapshot; the slot stays. */
    @Override
    public void close() {
        Connector.closeQuietly(connection);
    }
}
