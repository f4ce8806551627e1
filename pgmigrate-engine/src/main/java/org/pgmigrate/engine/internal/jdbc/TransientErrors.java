package org.pgmigrate.engine.internal.jdbc;

import java.sql.SQLException;

/**
 * Which failures are worth another try on a new connection: the connection broke, the server
 * terminated the session or is restarting, or the transaction lost a serialization conflict or a
 * deadlock. Anything else (a bad statement, a missing privilege, a full disk) fails the same way again.
 */
public final class TransientErrors {
    private TransientErrors() {}

    /** Whether {@code e} or an error it wraps is transient. */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isTransient(sql)) {
                return true;
            }
        }
        return false;
    }

    public static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return true; // an I/O failure the driver could not attribute to a server error
        }
        return state.startsWith("08") // connection exceptions
                || state.equals("57P01") // terminated by an administrator
                || state.equals("57P02") // crash shutdown of another backend
                || state.equals("57P03") // cannot connect now: the server is starting or recovering
                || state.equals("57P05") // idle session timeout
                || state.equals("40001") // serialization failure
                || state.equals("40P01"); // deadlock
    }
}
