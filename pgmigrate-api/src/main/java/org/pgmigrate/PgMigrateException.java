package org.pgmigrate;

import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * The root of every failure pgmigrate reports. Unchecked; the message says what happened and
 * what to do about it, and never contains a password.
 */
public class PgMigrateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;

    public PgMigrateException(ErrorKind kind, String message) {
        this(kind, message, null);
    }

    public PgMigrateException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** What kind of failure this is. */
    public ErrorKind kind() {
        return kind;
    }

    /** The SQLSTATE of the server error behind this failure, when there is one. */
    public Optional<String> sqlState() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException && ((SQLException) t).getSQLState() != null) {
                return Optional.of(((SQLException) t).getSQLState());
            }
        }
        return Optional.empty();
    }
}
