package org.pgmigrate.engine.internal.online;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.ObjectFilter;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.engine.internal.jdbc.Connector;
import org.pgmigrate.engine.internal.jdbc.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and drops what an online migration leaves on the servers while it runs: the
 * publication and slot on the source, the replication origin on the target. Dropping is
 * attempted for each even when another fails; what could not be dropped is returned as the
 * exact statements to run, naming the server.
 */
final class ReplicationObjects {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationObjects.class);

    /** Tables the publication covers: the permanent, ordinary tables of user schemas, not owned by extensions. */
    private static final String PUBLISHABLE = "SELECT c.oid, pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind = 'r' AND c.relpersistence = 'p'"
            + " AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pgmigrate')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'"
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass"
            + "   AND d.objid = c.oid AND d.deptype = 'e')"
            + " ORDER BY 1";

    private final Connector source;
    private final Connector target;
    private final ReplicationNames names;

    ReplicationObjects(Connector source, Connector target, ReplicationNames names) {
        this.source = source;
        this.target = target;
        this.names = names;
    }

    /**
     * A publication of every table to migrate (it must exist before the slot, or decoding fails),
     * and of {@code ddlCapture} when not null; returns the OIDs of the tables to migrate.
     */
    List<Long> createPublication(DdlCapture ddlCapture) throws SQLException {
        List<Long> oids = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        try (Connection c = source.open(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(PUBLISHABLE)) {
                while (rs.next()) {
                    oids.add(rs.getLong(1));
                    tables.add(rs.getString(2));
                }
            }
            if (ddlCapture != null) {
                tables.add(ddlCapture.qualifiedTable());
            }
            // quote_ident output, so the names are quoted identifiers
            s.execute("CREATE PUBLICATION " + Sql.ident(names.publication())
                    + (tables.isEmpty() ? "" : " FOR TABLE ONLY " + String.join(", ONLY ", tables))
                    + " WITH (publish = 'insert, update, delete, truncate')");
        }
        LOG.info("Created publication {} of {} tables on the source", names.publication(), tables.size());
        return oids;
    }

    /**
     * For a resumed migration: the OIDs of the tables its publication covers, once its slot and
     * origin are found; refuses when either is gone, as the changes since the copy are then lost.
     */
    List<Long> existing() throws SQLException {
        try (Connection c = source.open();
             PreparedStatement slot = c.prepareStatement("SELECT 1 FROM pg_catalog.pg_replication_slots WHERE slot_name = ?")) {
            slot.setString(1, names.slot());
            try (ResultSet rs = slot.executeQuery()) {
                if (!rs.next()) {
                    throw gone("the replication slot " + names.slot() + " is not on the source (dropped, or invalidated past the"
                            + " server's max_slot_wal_keep_size)");
                }
            }
            List<Long> oids = new ArrayList<>();
            try (PreparedStatement tables = c.prepareStatement("SELECT pr.prrelid FROM pg_catalog.pg_publication_rel pr"
                    + " JOIN pg_catalog.pg_publication p ON p.oid = pr.prpubid WHERE p.pubname = ? ORDER BY 1")) {
                tables.setString(1, names.publication());
                try (ResultSet rs = tables.executeQuery()) {
                    while (rs.next()) {
                        oids.add(rs.getLong(1));
                    }
                }
            }
            originProgress();
            return oids;
        }
    }

    /** Where the target's origin says the applied changes reach; refuses when the origin is gone. */
    long originProgress() throws SQLException {
        try (Connection c = target.open()) {
            return ChangeApplier.originProgress(c, names.origin(), false);
        } catch (SQLException e) {
            if ("42704".equals(e.getSQLState())) {
                throw gone("the replication origin " + names.origin() + " is not on the target");
            }
            throw e;
        }
    }

    private static PgMigrateException gone(String what) {
        return new PgMigrateException(ErrorKind.INVALID_REQUEST, "The online migration cannot be resumed: " + what
                + ", so the source's changes since its copy cannot be replayed. Abandon it (abandon(), pgmigrate abandon), then drop"
                + " and recreate the target database and migrate again.");
    }

    /** The origin the apply side records progress in, starting at {@code start}. */
    void createOrigin(long start) throws SQLException {
        try (Connection c = target.open();
             PreparedStatement create = c.prepareStatement("SELECT pg_catalog.pg_replication_origin_create(?)");
             PreparedStatement advance = c.prepareStatement("SELECT pg_catalog.pg_replication_origin_advance(?, ?::pg_catalog.pg_lsn)")) {
            create.setString(1, names.origin());
            create.execute();
            advance.setString(1, names.origin());
            advance.setString(2, Lsn.format(start));
            advance.execute();
        }
    }

    /**
     * Drops slot, publication, DDL capture and origin, whichever exist.
     *
     * @return the statements that failed, each with the server to run it on; empty when all is gone
     */
    List<String> dropAll() {
        List<String> left = new ArrayList<>();
        try {
            dropSlot();
        } catch (SQLException | RuntimeException e) {
            LOG.error("Dropping replication slot {} failed: {}", names.slot(), e.getMessage());
            left.add("on the source: SELECT pg_drop_replication_slot('" + names.slot() + "');");
        }
        left.addAll(new DdlCapture(source, names, ObjectFilter.all()).drop());
        try (Connection c = source.open(); Statement s = c.createStatement()) {
            s.execute("DROP PUBLICATION IF EXISTS " + Sql.ident(names.publication()));
        } catch (SQLException | RuntimeException e) {
            LOG.error("Dropping publication {} failed: {}", names.publication(), e.getMessage());
            left.add("on the source: DROP PUBLICATION " + Sql.ident(names.publication()) + ";");
        }
        try (Connection c = target.open();
             PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_replication_origin_drop(roname)"
                     + " FROM pg_catalog.pg_replication_origin WHERE roname = ?")) {
            ps.setString(1, names.origin());
            ps.execute();
        } catch (SQLException | RuntimeException e) {
            LOG.error("Dropping replication origin {} failed: {}", names.origin(), e.getMessage());
            left.add("on the target: SELECT pg_replication_origin_drop('" + names.origin() + "');");
        }
        return left;
    }

    /** Drops the slot; a walsender still holding it (a stream that is going away) is ended first. */
    private void dropSlot() throws SQLException {
        try (Connection c = source.open()) {
            for (int attempt = 1; ; attempt++) {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_drop_replication_slot(slot_name)"
                        + " FROM pg_catalog.pg_replication_slots WHERE slot_name = ?")) {
                    ps.setString(1, names.slot());
                    ps.execute();
                    return;
                } catch (SQLException e) {
                    if (!"55006".equals(e.getSQLState()) || attempt >= 10) {
                        throw e;
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_terminate_backend(active_pid)"
                        + " FROM pg_catalog.pg_replication_slots WHERE slot_name = ? AND active_pid IS NOT NULL")) {
                    ps.setString(1, names.slot());
                    ps.execute();
                }
                sleep(200L * attempt);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
