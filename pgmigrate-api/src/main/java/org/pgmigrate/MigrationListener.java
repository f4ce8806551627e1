package org.pgmigrate;

/**
 * Receives progress of a migration. Every method has an empty default, so implement only what
 * you need.
 *
 * <p>Calls arrive from the migration's worker threads, several at once while tables copy in
 * parallel: implementations must be thread-safe and should return quickly.
 */
public interface MigrationListener {
    /** The listener that ignores everything. */
    MigrationListener NONE = new MigrationListener() {};

    default void phaseStarted(Phase phase) {}

    default void phaseFinished(PhaseResult result) {}

    /** A table's copy starts; {@code qualifiedName} is quoted as in SQL. */
    default void tableStarted(String qualifiedName) {}

    /** A table's rows are in and its indexes and constraints are built. */
    default void tableFinished(TableResult result) {}

    default void warning(MigrationWarning warning) {}
}
