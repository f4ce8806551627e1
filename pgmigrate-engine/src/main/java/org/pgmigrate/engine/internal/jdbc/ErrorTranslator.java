package org.pgmigrate.engine.internal.jdbc;

import java.sql.SQLException;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;

/** Turns driver errors into failures that say what happened and what to do. */
public final class ErrorTranslator {
    private ErrorTranslator() {}

    /** A failure to open a connection to {@code endpoint}. */
    public static PgMigrateException connectFailed(Side side, Endpoint endpoint, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = "the " + side.label() + " server (" + endpoint + ")";
        String detail = endpoint.redact(e.getMessage());
        if (state.equals("28P01") || state.equals("28000")) {
            return new PgMigrateException(ErrorKind.AUTHENTICATION_FAILED,
                    "Authentication failed on " + where + ": " + detail
                            + ". Check the user name and password given for the " + side.label() + ".", e);
        }
        if (state.equals("3D000")) {
            return new PgMigrateException(ErrorKind.DATABASE_NOT_FOUND,
                    "The database named in the " + side.label() + " URL does not exist on " + where + ": " + detail
                            + (side == Side.TARGET ? ". Create it first (CREATE DATABASE ...) and run again." : ". Check the database name."), e);
        }
        if (state.equals("42501")) {
            return new PgMigrateException(ErrorKind.PERMISSION_DENIED,
                    "Permission denied on " + where + ": " + detail + ". Grant the role CONNECT on the database.", e);
        }
        if (state.startsWith("08") || state.isEmpty()) {
            return new PgMigrateException(ErrorKind.CONNECTION_FAILED,
                    "Cannot connect to " + where + ": " + detail
                            + ". Check the host and port, that PostgreSQL is running and accepts connections from this machine (listen_addresses, pg_hba.conf, firewall).", e);
        }
        return new PgMigrateException(ErrorKind.CONNECTION_FAILED, "Cannot connect to " + where + ": " + detail, e);
    }
}
