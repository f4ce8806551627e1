package org.pgmigrate.engine.internal.online;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.engine.internal.jdbc.Connector;
import org.pgmigrate.engine.internal.jdbc.EventTriggersPaused;
import org.pgmigrate.engine.internal.jdbc.OwnSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target's {@code pgmigrate.online_control} table, through which another process asks a
 * running online migration to cut over and learns the outcome.
 *
 * <p>Protocol, one row per migration ({@code migration_id}):
 * <ol>
 * <li>The migration inserts its row with state {@code COPYING}, then sets {@code STREAMING}.</li>
 * <li>A requester sets {@code CUTOVER_REQUESTED} on the rows in {@code COPYING} or {@code STREAMING}
 *     and polls the row.</li>
 * <li>The migration, polling about once a second, cuts over ({@code CUTTING_OVER}) and ends in
 *     {@code COMPLETED}, {@code FAILED} or {@code CANCELLED}, with {@code detail} saying why.</li>
 * <li>The requester sets {@code outcome_read}; the migration, which waits up to a minute for it
 *     when a requester asked, then deletes its row, the table when no row is left, and the
 *     schema when nothing else is in it.</li>
 * </ol>
 * A migration that fails keeps its row, in the state it had reached, with {@code detail} saying
 * why: {@code resume()} finds the migration there and continues from that state, and
 * {@code abandon()} removes it.
 */
public final class ControlTable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlTable.class);
    public static final String COPYING = "COPYING";
    public static final String STREAMING = "STREAMING";
    public static final String CUTOVER_REQUESTED = "CUTOVER_REQUESTED";
    public static final String CUTTING_OVER = "CUTTING_OVER";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";

    static final Duration OUTCOME_WAIT = Duration.ofSeconds(60);

    private final Connector target;
    private final String migrationId;

    ControlTable(Connector target, String migrationId) {
        this.target = target;
        this.migrationId = migrationId;
    }

    void create() throws SQLException {
        try (Connection c = target.open(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS pgmigrate");
            s.execute("CREATE TABLE IF NOT EXISTS pgmigrate.online_control (migration_id text PRIMARY KEY, state text NOT NULL,"
                    + " detail text, outcome_read boolean NOT NULL DEFAULT false, requested_at timestamptz,"
                    + " updated_at timestamptz NOT NULL DEFAULT pg_catalog.now())");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pgmigrate.online_control (migration_id, state) VALUES (?, ?)")) {
                ps.setString(1, migrationId);
                ps.setString(2, COPYING);
                ps.execute();
            }
        }
    }

    /** The row of an earlier online migration into this target: its id and the state it reached. */
    record Earlier(String migrationId, String state) {
        /** Whether it had finished its copy: it was streaming or cutting over. */
        boolean copied() {
            return !COPYING.equals(state);
        }

        /** Whether a cutover had been asked for: the resumed run cuts over as soon as it has caught up. */
        boolean cutoverRequested() {
            return CUTOVER_REQUESTED.equals(state) || CUTTING_OVER.equals(state);
        }
    }

    /** The online migration the target's control table holds, if any; more than one is refused. */
    static Optional<Earlier> find(Connection c) throws SQLException {
        if (!OwnSchema.hasTable(c, "online_control")) {
            return Optional.empty();
        }
        try (Statement s = c.createStatement()) {
            List<Earlier> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT migration_id, state FROM pgmigrate.online_control ORDER BY updated_at")) {
                while (rs.next()) {
                    found.add(new Earlier(rs.getString(1), rs.getString(2)));
                }
            }
            if (found.size() > 1) {
                throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "The target's pgmigrate.online_control holds " + found.size()
                        + " online migrations (" + found.stream().map(Earlier::migrationId).toList() + "): only one can migrate into a"
                        + " database. Abandon the others.");
            }
            return found.stream().findFirst();
        }
    }

    /** A resumed run takes the row over: the copy's state again, or the cutover's when one was asked for. */
    void resume(Earlier earlier) throws SQLException {
        try (Connection c = target.open();
             // requested_at cleared: whoever asked for the cutover was told no process ran it, and waits no more
             PreparedStatement ps = c.prepareStatement("UPDATE pgmigrate.online_control SET state = ?, detail = NULL,"
                     + " requested_at = NULL, updated_at = pg_catalog.now() WHERE migration_id = ?")) {
            ps.setString(1, earlier.cutoverRequested() ? CUTOVER_REQUESTED : COPYING);
            ps.setString(2, migrationId);
            ps.execute();
        }
    }

    /**
     * Records why the migration stopped and keeps the row, in the state it had reached, for a
     * resume. Never throws: the migration's own failure matters more.
     */
    void failed(String detail) {
        try (Connection c = target.open();
             PreparedStatement ps = c.prepareStatement("UPDATE pgmigrate.online_control SET detail = ?, updated_at = pg_catalog.now()"
                     + " WHERE migration_id = ?")) {
            ps.setString(1, detail);
            ps.setString(2, migrationId);
            ps.execute();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not record the failure in pgmigrate.online_control on the target: {}", e.getMessage());
        }
    }

    /**
     * The table that says, for each table a resumed copy read under a snapshot of its own, where
     * that snapshot stands in the slot's stream ({@code pgmigrate.online_sync}).
     */
    void createSyncPoints() throws SQLException {
        try (Connection c = target.open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS pgmigrate.online_sync (table_oid oid PRIMARY KEY, sync_lsn pg_lsn NOT NULL)");
        }
    }

    /** Records, in the transaction that copies its rows, that {@code tableOid} was read at {@code lsn}. */
    static void recordSyncPoint(Connection c, long tableOid, long lsn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pgmigrate.online_sync (table_oid, sync_lsn)"
                + " VALUES (?, ?::pg_catalog.pg_lsn) ON CONFLICT (table_oid) DO UPDATE SET sync_lsn = EXCLUDED.sync_lsn")) {
            ps.setLong(1, tableOid);
            ps.setString(2, Lsn.format(lsn));
            ps.execute();
        }
    }

    /** The positions resumed copies read tables at, by table OID; empty when none was resumed. */
    Map<Integer, Long> syncPoints() throws SQLException {
        Map<Integer, Long> points = new HashMap<>();
        try (Connection c = target.open(); Statement s = c.createStatement()) {
            if (!OwnSchema.hasTable(c, "online_sync")) {
                return points;
            }
            try (ResultSet rs = s.executeQuery("SELECT table_oid, sync_lsn::text FROM pgmigrate.online_sync")) {
                while (rs.next()) {
                    points.put((int) rs.getLong(1), Lsn.parse(rs.getString(2)));
                }
            }
        }
        return points;
    }

    /** Deletes the row, and the table and schema when nothing else is left in them. */
    void remove(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pgmigrate.online_control WHERE migration_id = ?")) {
            ps.setString(1, migrationId);
            ps.execute();
        }
        dropIfEmpty(c);
    }

    /** The row's state, or null when it is gone. */
    String state(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM pgmigrate.online_control WHERE migration_id = ?")) {
            ps.setString(1, migrationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Sets the state unless a cutover was requested meanwhile (that request must not be lost). */
    void advance(Connection c, String state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pgmigrate.online_control SET state = ?, updated_at = pg_catalog.now()"
                + " WHERE migration_id = ? AND state <> ?")) {
            ps.setString(1, state);
            ps.setString(2, migrationId);
            ps.setString(3, CUTOVER_REQUESTED);
            ps.executeUpdate();
        }
    }

    /**
     * Records the outcome; when someone requested the cutover through the table, waits (at
     * most {@link #OUTCOME_WAIT}) until they read it; then removes the row, and the table and
     * schema when empty. Never throws: the migration's own outcome matters more.
     */
    void finish(String state, String detail, Clock clock) {
        try (Connection c = target.open()) {
            boolean requested;
            try (PreparedStatement ps = c.prepareStatement("UPDATE pgmigrate.online_control SET state = ?, detail = ?,"
                    + " updated_at = pg_catalog.now() WHERE migration_id = ? RETURNING requested_at IS NOT NULL")) {
                ps.setString(1, state);
                ps.setString(2, detail);
                ps.setString(3, migrationId);
                try (ResultSet rs = ps.executeQuery()) {
                    requested = rs.next() && rs.getBoolean(1);
                }
            }
            if (requested) {
                awaitOutcomeRead(c, clock);
            }
            remove(c);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not clean up pgmigrate.online_control on the target: {}. Drop it with DROP TABLE pgmigrate.online_control;"
                    + " once no online migration runs into this database.", e.getMessage());
        }
    }

    private void awaitOutcomeRead(Connection c, Clock clock) throws SQLException {
        long deadline = clock.millis() + OUTCOME_WAIT.toMillis();
        try (PreparedStatement ps = c.prepareStatement("SELECT outcome_read FROM pgmigrate.online_control WHERE migration_id = ?")) {
            ps.setString(1, migrationId);
            while (clock.millis() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getBoolean(1)) {
                        return;
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        LOG.warn("Nobody read the cutover's outcome within {} s; removing the control row anyway", OUTCOME_WAIT.toSeconds());
    }

    private static void dropIfEmpty(Connection c) throws SQLException {
        EventTriggersPaused.run(c, s -> {
            boolean empty;
            try (ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM pgmigrate.online_control)")) {
                empty = rs.next() && rs.getBoolean(1);
            }
            if (!empty) {
                return;
            }
            s.execute("DROP TABLE pgmigrate.online_control");
            s.execute("DROP TABLE IF EXISTS pgmigrate.online_sync");
            OwnSchema.dropIfEmpty(s);
        });
    }
}
