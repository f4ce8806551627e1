package org.pgmigrate;

/**
 * Receives progress of a migration. Every method has an empty default, so implement only what
 * you need.
 *
 * <p>Calls arrive from the migration's worker threads, several at once while tables copy in
 * parallel: implementations must be thread-safe and should return quickly. For one table, events
 * come in order: started, progress, copied, index built, finished; verified after copied, while
 * its indexes build or later.
 *
 * <p>A listener that throws (anything, an {@link Error} too) fails the run: it ends with
 * {@link ErrorKind#MIGRATION_FAILED}, whose message names the listener's class and the event,
 * and what the listener threw as its cause; an offline run keeps its journal for a resume, an
 * online one drops its slot as for any other failure. Catch inside the listener what must not
 * stop a migration (a metrics backend that is down, say).
 */
public interface MigrationListener {
    /** The listener that ignores everything. */
    MigrationListener NONE = new MigrationListener() {};

    default void phaseStarted(Phase phase) {}

    default void phaseFinished(PhaseResult result) {}

    /** The data phase starts, with what it is about to copy. */
    default void dataPlanned(DataPlan plan) {}

    /** A table's copy starts; {@code qualifiedName} is quoted as in SQL. */
    default void tableStarted(String qualifiedName) {}

    /** A table's copy has moved on; sent about once a second per table while it copies. */
    default void tableProgress(TableProgress progress) {}

    /**
     * A table's rows are in, all its parts when it was copied in parts ({@code copied} sums
     * them). Its indexes build next, and verification compares its rows from now on.
     */
    default void tableCopied(TableProgress copied) {}

    /** An index or index-backed constraint was built, after its table's rows were in. */
    default void indexBuilt(IndexResult index) {}

    /** A table's rows are in and its indexes and constraints are built. */
    default void tableFinished(TableResult result) {}

    default void warning(MigrationWarning warning) {}

    /** One table was compared with its source. */
    default void tableVerified(TableVerification verification) {}

    /** The comparison of target and source is complete. */
    default void verificationFinished(VerificationReport report) {}

    /**
     * Online mode: how far the target is behind the source; sent about once a second from the
     * copy's start until the cutover, from the migration's stream thread.
     */
    default void lagMeasured(ReplicationLag lag) {}
}
