package org.pgmigrate.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.pgmigrate.Phase;
import org.pgmigrate.engine.internal.jdbc.Connector;
import org.pgmigrate.engine.internal.schema.SourceSchema;
import org.pgmigrate.engine.internal.schema.TableData;

/**
 * What an online migration changes in the run of {@link OfflineMigration}: the snapshot comes
 * from creating the replication slot, and once the copy is done the changes stream until the
 * cutover, which then sets the sequences and verifies (instead of right after the copy).
 */
public interface OnlineHooks {
    /**
     * Creates the publication and the slot and returns the slot's exported snapshot, which
     * {@code coordinator} (the connection that reads the catalogs) must join.
     */
    SourceSnapshot snapshot(Connector source, Connection coordinator, String migrationId) throws SQLException;

    /**
     * Whether an earlier run of the migration finished the copy: then nothing of it runs again
     * (replicated DDL may have changed the source's schema since), and the stream goes on.
     */
    boolean copyDone();

    /** The name of the publication the migration creates on the source, which is not migrated. */
    String publication();

    /** The catalogs were read under the snapshot: what was read is what the stream must match. */
    void schemaRead(SourceSchema schema, Connection coordinator) throws SQLException;

    /**
     * What a resumed copy records with each table's rows, in their transaction, or null when
     * nothing is: a table copied under a newer snapshot than the slot's must not get again the
     * changes that snapshot already holds.
     */
    RowsCopied rowsCopied();

    /** Called in the transaction that commits rows of {@code table} on {@code target}. */
    @FunctionalInterface
    interface RowsCopied {
        void copied(Connection target, TableData table) throws SQLException;
    }

    /** Called before each phase starts: throws when the migration was cancelled or stopped in the background. */
    void beforePhase(Phase phase);

    /**
     * The copy and everything built on it is done and the snapshot is no longer needed: streams
     * until the cutover, then lets {@code cutover} set sequences and verify.
     */
    void copied(Cutover cutover) throws Exception;

    /** The last steps, run by the online migration at its cutover. */
    interface Cutover {
        /** Runs {@code body} as phase {@code phase}, reported like every other phase. */
        void phase(Phase phase, Body body) throws Exception;

        /** Reads the source as it is now, sets every target sequence from it, and verifies as an offline migration does. */
        void sequencesAndVerification() throws Exception;

        /** Logs {@code warning}, tells the listener and adds it to the result, as the run's own warnings. */
        void warn(org.pgmigrate.MigrationWarning warning);
    }

    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }
}
