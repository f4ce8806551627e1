package org.pgmigrate.engine.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;

/**
 * Only one migration runs into a target database at a time: the coordinating session holds a
 * session-level advisory lock (advisory locks are per database) until it disconnects, so a crash
 * releases it too.
 */
public final class TargetLock {
    /** "pgmg" and 1: the key pair no application is likely to use. */
    static final int KEY_CLASS = 0x70676d67;
    static final int KEY_OBJECT = 1;

    private TargetLock() {}

    /** Takes the lock on {@code target}'s database, or refuses naming the session that holds it. */
    static void acquire(Connection target, String database) throws SQLException {
        if (!call(target, "pg_try_advisory_lock")) {
            throw busy(target, database);
        }
    }

    /** Refuses, like {@link #acquire}, when a migration runs into the database; holds nothing. */
    public static void checkFree(Connection target, String database) throws SQLException {
        if (held(target)) {
            throw busy(target, database);
        }
    }

    /** Whether a migration runs into {@code target}'s database now (its session holds the lock); holds nothing. */
    public static boolean held(Connection target) throws SQLException {
        if (!call(target, "pg_try_advisory_lock")) {
            return true;
        }
        call(target, "pg_advisory_unlock");
        return false;
    }

    private static boolean call(Connection target, String function) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement("SELECT pg_catalog." + function + "(?, ?)")) {
            ps.setInt(1, KEY_CLASS);
            ps.setInt(2, KEY_OBJECT);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static PgMigrateException busy(Connection target, String database) throws SQLException {
        return new PgMigrateException(ErrorKind.TARGET_BUSY, "Another pgmigrate migration is running into the target database \""
                + database + "\"" + holder(target) + ". Only one migration may run into a database at a time: wait for it to"
                + " finish, or stop it (pg_terminate_backend on its session) if it is a leftover.");
    }

    private static String holder(Connection target) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement("SELECT a.pid, a.client_addr::text, a.backend_start FROM pg_catalog.pg_locks l"
                + " JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted"
                + " AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())"
                + " AND l.classid = ? AND l.objid = ? AND l.objsubid = 2")) {
            ps.setLong(1, Integer.toUnsignedLong(KEY_CLASS));
            ps.setLong(2, KEY_OBJECT);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? " (session " + rs.getInt(1) + (rs.getString(2) == null ? "" : " from " + rs.getString(2))
                        + ", started " + rs.getString(3) + ")" : "";
            }
        }
    }
}
