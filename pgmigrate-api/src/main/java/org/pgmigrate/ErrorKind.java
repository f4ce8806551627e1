package org.pgmigrate;

/** What went wrong, for programs that react to failures; the message says what to do. */
public enum ErrorKind {
    /** The request itself is malformed (bad URL, bad option). */
    INVALID_REQUEST,
    /** A server could not be reached. */
    CONNECTION_FAILED,
    /** A server refused the credentials. */
    AUTHENTICATION_FAILED,
    /** The named database does not exist on a server. */
    DATABASE_NOT_FOUND,
    /** The connecting role lacks a privilege the migration needs. */
    PERMISSION_DENIED,
    /** The target database already holds user objects. */
    TARGET_NOT_EMPTY,
    /**
     * The filter leaves out objects that objects it takes depend on (a view on an excluded table);
     * the message lists them. Nothing was changed on the target.
     */
    FILTER_DEPENDENCY,
    /**
     * Objects of the source cannot be created on the target: a C function whose library or symbol
     * the target lacks, a {@code LANGUAGE internal} function naming a built-in its major does not
     * have, a handler that does not exist, an object only a superuser may create. The message names
     * each with why and what depends on it. Nothing was changed on the target; migrate with
     * {@link Migration.Builder#leaveOutUncreatableObjects(boolean)} to leave them out.
     */
    UNCREATABLE_OBJECTS,
    /** The target runs an older major version than the source. */
    UNSUPPORTED_VERSION,
    /** Validation found problems that make the migration fail ({@link ValidationFailedException} carries the report). */
    VALIDATION_FAILED,
    /** Validation itself could not run to the end (a rule broke); the message names the rule. */
    VALIDATION_ERROR,
    /** The migration started and failed; the partial result says how far it got. */
    MIGRATION_FAILED,
    /** After the copy, the target was found to differ from the source; the result's verification says where. */
    VERIFICATION_FAILED,
    /** Another migration is running into the same target database. */
    TARGET_BUSY,
    /**
     * The migration was cancelled ({@link MigrationHandle#cancel()}); an offline one that changed
     * the target can be continued with {@link Migration.Builder#resume()}.
     */
    CANCELLED,
    /**
     * Online mode: a table changed its definition on the source while the migration ran (DDL is
     * not replicated); the message names the table.
     */
    SOURCE_SCHEMA_CHANGED,
    /** Online mode: the WAL the replication slot held on the source passed the configured limit. */
    WAL_RETENTION_EXCEEDED,
    /** pgmigrate-engine is not on the classpath. */
    ENGINE_MISSING,
    /** More than one engine is on the classpath (two versions of pgmigrate-engine, say); pgmigrate does not choose. */
    ENGINE_AMBIGUOUS
}
