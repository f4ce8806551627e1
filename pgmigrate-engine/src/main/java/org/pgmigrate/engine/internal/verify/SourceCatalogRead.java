package org.pgmigrate.engine.internal.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.pgmigrate.TimelineEntry;
import org.pgmigrate.engine.internal.jdbc.Connector;
import org.pgmigrate.engine.internal.run.RunThreads;
import org.pgmigrate.engine.internal.run.Timeline;

/**
 * The source's catalog facts, read in a thread and on a connection of their own, inside the
 * migration's snapshot, while the run creates the schema on the target (or, verifying on its own,
 * reads the source's schema): the source and a core are mostly idle then, and verification is
 * left to read the target's catalogs alone at the end. The connection is closed as soon as the
 * facts are read.
 */
public final class SourceCatalogRead implements AutoCloseable {
    private final Connection connection;
    private final Timeline timeline;
    private final Thread thread;
    private volatile CatalogFacts facts;
    private volatile Exception failure;
    private volatile long nanos;

    private SourceCatalogRead(Connection connection, RunThreads threads, Timeline timeline) {
        this.connection = connection;
        this.timeline = timeline;
        this.thread = threads.newThread("source-catalogs", this::read);
    }

    /** Starts reading through {@code connection}, a source connection inside the snapshot that this read closes. */
    public static SourceCatalogRead start(Connection connection, RunThreads threads, Timeline timeline) {
        SourceCatalogRead read = new SourceCatalogRead(connection, threads, timeline);
        read.thread.start();
        return read;
    }

    private void read() {
        long t = System.nanoTime();
        Instant started = timeline.now();
        try {
            facts = CatalogFacts.read(connection);
            // lane 0: not one of the workers
            timeline.add(TimelineEntry.Kind.VERIFY, "", "source catalogs", 0, started, 0, 0);
        } catch (SQLException | RuntimeException e) {
            failure = e;
        } finally {
            nanos = System.nanoTime() - t;
            Connector.closeQuietly(connection);
        }
    }

    /** Waits for the facts; a failed read fails as verification's own read of them does. */
    CatalogFacts facts() throws InterruptedException {
        thread.join();
        if (failure instanceof SQLException e) {
            throw Verifier.factsFailed("source", e);
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        return facts;
    }

    /** How long the read took, for the log. */
    long nanos() {
        return nanos;
    }

    /** Stops a read still running (the run failed, or verification is no longer needed) and waits for its thread. */
    @Override
    public void close() {
        if (thread.isAlive()) {
            Connector.cancelStatementQuietly(connection);
            Connector.abortQuietly(connection);
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
