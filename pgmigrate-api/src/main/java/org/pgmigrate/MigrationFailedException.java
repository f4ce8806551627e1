package org.pgmigrate;

import java.util.Objects;

/** A migration that started and then failed; carries what was done before the failure. */
public class MigrationFailedException extends PgMigrateException {
    private static final long serialVersionUID = 1L;

    private final transient MigrationResult partialResult;

    public MigrationFailedException(ErrorKind kind, String message, MigrationResult partialResult, Throwable cause) {
        super(kind, message, cause);
        this.partialResult = Objects.requireNonNull(partialResult, "partialResult");
    }

    /** The phases and tables completed before the failure. */
    public MigrationResult partialResult() {
        return partialResult;
    }
}
