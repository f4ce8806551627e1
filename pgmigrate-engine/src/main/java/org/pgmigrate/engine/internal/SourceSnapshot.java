package org.pgmigrate.engine.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.engine.internal.jdbc.Connector;

/**
 * One consistent view of the source: the coordinating connection exports a snapshot inside a
 * read-only repeatable-read transaction that stays open, and every other source session joins
 * it, so catalog reads, copies and verification all see the same data.
 */
public final class SourceSnapshot {
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f-]+");

    private final Connector connector;
    private final String id;

    private SourceSnapshot(Connector connector, String id) {
        this.connector = connector;
        this.id = id;
    }

    /** Starts the snapshot transaction on {@code coordinator} and exports it. */
    public static SourceSnapshot export(Connector connector, Connection coordinator) throws SQLException {
        coordinator.setAutoCommit(false);
        try (Statement s = coordinator.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            try (ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_export_snapshot()")) {
                rs.next();
                String id = rs.getString(1);
                if (!SNAPSHOT_ID.matcher(id).matches()) {
                    throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Unexpected snapshot id from the source");
                }
                return new SourceSnapshot(connector, id);
            }
        }
    }

    /**
     * A snapshot exported elsewhere (by creating a replication slot): {@code coordinator} joins it
     * at once, so that catalog reads see what the copy sees.
     */
    public static SourceSnapshot imported(Connector connector, Connection coordinator, String id) throws SQLException {
        if (!SNAPSHOT_ID.matcher(id).matches()) {
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Unexpected snapshot id from the source");
        }
        coordinator.setAutoCommit(false);
        try (Statement s = coordinator.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            s.execute("SET TRANSACTION SNAPSHOT '" + id + "'");
        }
        return new SourceSnapshot(connector, id);
    }

    public String id() {
        return id;
    }

    /** A new source connection reading under this snapshot. */
    public Connection join() {
        Connection c = connector.open();
        try (Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            s.execute("SET TRANSACTION SNAPSHOT '" + id + "'");
            return c;
        } catch (SQLException e) {
            Connector.closeQuietly(c);
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Could not join the source snapshot: " + e.getMessage(), e);
        }
    }
}
