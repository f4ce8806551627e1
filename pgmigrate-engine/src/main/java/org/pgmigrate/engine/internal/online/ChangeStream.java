package org.pgmigrate.engine.internal.online;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.pgmigrate.engine.internal.jdbc.Connector;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * The slot's change stream over a replication connection of its own (a fresh one per start,
 * as pgjdbc leaves a used one's socket timeout changed). The slot only moves when told
 * ({@link #acknowledge}): pgjdbc's automatic flush on keepalives is off, so the source keeps
 * every change not yet durable on the target.
 *
 * <p>Sources of 14 and later stream a transaction larger than their {@code
 * logical_decoding_work_mem} while it runs (pgoutput protocol 2, {@code streaming 'on'}) instead
 * of spilling it to their own disk until its commit and sending it then. Not {@code 'parallel'}
 * (16 and later, protocol 4): it adds the abort's position and time to Stream Abort, for a
 * subscriber that applies a transaction as it arrives in a session of its own and must commit
 * those sessions in source order. The migration applies a transaction at its commit, in the one
 * session whose commits advance the origin, so it has no use for them.
 */
final class ChangeStream implements AutoCloseable {
    static final String APPLICATION_NAME = "pgmigrate-stream";

    private final Connection connection;
    private final PGReplicationStream stream;
    private final String server;

    private ChangeStream(Connection connection, PGReplicationStream stream) throws SQLException {
        this.connection = connection;
        this.stream = stream;
        this.server = connection.unwrap(BaseConnection.class).getQueryExecutor().getHostSpec().toString();
    }

    static ChangeStream start(Connector source, String slot, String publication, long from) throws SQLException {
        Connection connection = source.openReplication(APPLICATION_NAME);
        try {
            var builder = connection.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
                    .withSlotName(slot)
                    .withStartPosition(LogSequenceNumber.valueOf(from))
                    .withSlotOption("publication_names", publication)
                    .withStatusInterval(1, TimeUnit.SECONDS)
                    .withAutomaticFlush(false);
            if (connection.getMetaData().getDatabaseMajorVersion() >= 14) {
                builder.withSlotOption("proto_version", 2).withSlotOption("streaming", "on");
            } else {
                builder.withSlotOption("proto_version", 1);
            }
            PGReplicationStream stream = builder.start();
            return new ChangeStream(connection, stream);
        } catch (SQLException | RuntimeException e) {
            Connector.closeQuietly(connection);
            throw e;
        }
    }

    /** The host and port, as the source URL names them, of the server this stream comes from: of several, the primary's. */
    String server() {
        return server;
    }

    /** The next message, or null when none has arrived (keepalives are answered inside). */
    ByteBuffer poll() throws SQLException {
        return stream.readPending();
    }

    /**
     * The furthest position the server has reported: the start of the last message, or a
     * keepalive's position when it is idle.
     */
    long received() {
        return stream.getLastReceiveLSN().asLong();
    }

    /** Reports {@code applied} (committed on the target) and {@code durable} (flushed there): the slot may drop WAL before it. */
    void acknowledge(long applied, long durable) {
        stream.setAppliedLSN(LogSequenceNumber.valueOf(applied));
        stream.setFlushedLSN(LogSequenceNumber.valueOf(durable));
    }

    /** Sends the status now; the server answers an idle stream with a keepalive carrying its position. */
    void sendStatus() throws SQLException {
        stream.forceUpdateStatus();
    }

    @Override
    public void close() {
        Connector.closeQuietly(stream);
        Connector.closeQuietly(connection);
    }
}
