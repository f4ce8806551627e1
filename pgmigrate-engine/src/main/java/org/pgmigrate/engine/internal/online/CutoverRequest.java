package org.pgmigrate.engine.internal.online;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.engine.internal.TargetLock;
import org.pgmigrate.engine.internal.jdbc.Connector;
import org.pgmigrate.engine.internal.jdbc.OwnSchema;
import org.pgmigrate.engine.internal.jdbc.Side;

/** The requesting side of the {@link ControlTable} protocol: asks for the cutover and waits for its outcome. */
public final class CutoverRequest {
    private CutoverRequest() {}

    /**
     * Asks the online migration streaming into {@code target} to cut over and waits until it has.
     *
     * @return the migration's id
     * @throws PgMigrateException when no migration streams into the target, the cutover failed or was
     *     cancelled (the message gives the migration's reason), or {@code timeout} passed
     */
    public static String request(Endpoint target, Duration timeout, Clock clock) {
        Connector connector = new Connector(target, Side.TARGET);
        try (Connection c = connector.open("pgmigrate-cutover")) {
            String id = ask(c);
            if (!TargetLock.held(c)) {
                throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "The cutover of online migration " + id + " is recorded,"
                        + " but no process runs the migration: it died or failed" + detail(c, id) + ". Resume it (pgmigrate migrate"
                        + " --mode online --resume with the same options, or resume().start()): it completes the cutover.");
            }
            long deadline = clock.millis() + timeout.toMillis();
            try (PreparedStatement poll = c.prepareStatement("SELECT state, detail FROM pgmigrate.online_control WHERE migration_id = ?")) {
                poll.setString(1, id);
                while (true) {
                    try (ResultSet rs = poll.executeQuery()) {
                        if (!rs.next()) {
                            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "The online migration " + id
                                    + " ended without leaving its outcome; see its own output.");
                        }
                        String state = rs.getString(1);
                        String detail = rs.getString(2);
                        if (ControlTable.COMPLETED.equals(state) || ControlTable.FAILED.equals(state)
                                || ControlTable.CANCELLED.equals(state)) {
                            markRead(c, id);
                            if (!ControlTable.COMPLETED.equals(state)) {
                                throw new PgMigrateException(state.equals(ControlTable.CANCELLED) ? ErrorKind.CANCELLED : ErrorKind.MIGRATION_FAILED,
                                        "The online migration " + id + " did not complete the cutover: " + detail);
                            }
                            return id;
                        }
                    }
                    if (clock.millis() > deadline) {
                        throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "The online migration " + id
                                + " has not completed the cutover within " + timeout.toSeconds() + " s; it goes on, check its output.");
                    }
                    Thread.sleep(250);
                }
            }
        } catch (SQLException e) {
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Requesting the cutover failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgMigrateException(ErrorKind.CANCELLED, "Interrupted while waiting for the cutover.");
        }
    }

    private static String ask(Connection c) throws SQLException {
        if (OwnSchema.hasTable(c, "online_control")) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE pgmigrate.online_control SET state = ?, requested_at = pg_catalog.now(),"
                    + " updated_at = pg_catalog.now() WHERE state IN (?, ?, ?) RETURNING migration_id")) {
                ps.setString(1, ControlTable.CUTOVER_REQUESTED);
                ps.setString(2, ControlTable.COPYING);
                ps.setString(3, ControlTable.STREAMING);
                ps.setString(4, ControlTable.CUTOVER_REQUESTED);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        String id = rs.getString(1);
                        if (rs.next()) {
                            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "Several online migrations stream into this target.");
                        }
                        return id;
                    }
                }
            }
        }
        throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "No online migration is streaming into this target database"
                + " (no waiting row in pgmigrate.online_control): start one with pgmigrate migrate --mode online.");
    }

    /** ": why it stopped", as its control row says, or nothing. */
    private static String detail(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT detail FROM pgmigrate.online_control WHERE migration_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? " (" + rs.getString(1) + ")" : "";
            }
        }
    }

    private static void markRead(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pgmigrate.online_control SET outcome_read = true WHERE migration_id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }
}
