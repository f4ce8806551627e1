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
        String detail = withoutFinalPeriod(endpoint.redact(e.getMessage()));
        if (state.equals("28P01") || state.equals("28000")) {
            return new PgMigrateException(ErrorKind.AUTHENTICATION_FAILED,
                    "Authentication failed on " + where + ": " + detail
                            + ". Check the user name and password given for the " + side.label() + ".", e);
        }
        if (isTls(e)) {
            return new PgMigrateException(ErrorKind.CONNECTION_FAILED,
                    "TLS failed with " + where + ": " + detail + ". Check sslmode; that sslrootcert is the certificate of the CA"
                            + " that signed the server's certificate; with verify-full, that this certificate names the host as the URL"
                            + " writes it (a name and an IP address differ); and that sslcert/sslkey are readable when given.", e);
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

    /** Whether the failure is about TLS: a handshake, certificate or key problem rather than the network or a login. */
    private static boolean isTls(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException || t instanceof java.security.GeneralSecurityException) {
                return true;
            }
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        return TLS_MESSAGE.matcher(message).find();
    }

    /** pgjdbc's words for TLS failures that carry no SSL exception (host name check, unreadable key or root certificate). */
    private static final java.util.regex.Pattern TLS_MESSAGE =
            java.util.regex.Pattern.compile("(?i)\\bSSL\\b|hostnameverifier|certificate|sslkey|sslcert");

    private static String withoutFinalPeriod(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
