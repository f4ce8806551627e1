package org.pgmigrate.engine.internal.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.engine.internal.schema.TableColumn;
import org.pgmigrate.engine.internal.schema.TableData;
import org.pgmigrate.spi.copy.RowSink;
import org.pgmigrate.spi.copy.RowTransform;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Takes the {@link RowDigest} of the COPY data messages of one read, one row per message as the
 * server sends them. A copy digests the source's rows as they pass through on their way to the
 * target, so verifying the copy costs one read of the target and none of the source.
 */
public final class RowDigester implements RowSink {
    private final RowDigest.Form form;
    private final FloatNormalizer floats;
    private final Murmur3 hash = new Murmur3();
    private final PgRowHash rowHash;
    private final CopyFraming framing;
    private long rows;
    private long high;
    private long low;

    /** A digester of rows of {@code columns} read in {@code form}. */
    public RowDigester(RowDigest.Form form, List<TableColumn> columns) {
        this.form = form;
        this.floats = form.floatsByValue() ? FloatNormalizer.of(columns) : null;
        this.framing = new CopyFraming(form.binary());
        this.rowHash = form.serverHash() ? new PgRowHash(columns) : null;
    }

    /** Adds one COPY data message: a row, in binary format also the header before the first row or the trailer. */
    public void add(byte[] message) throws SQLException {
        add(message, null);
    }

    /** Adds the row of one COPY data message as {@code transform} passes it on (null: as it is). */
    private void add(byte[] message, RowTransform transform) throws SQLException {
        int start = framing.rowStart(message);
        if (!framing.holdsRow(message, start)) {
            return;
        }
        if (transform == null) {
            addRow(message, start, message.length - start);
        } else {
            transform.transform(message, start, message.length - start, this);
        }
    }

    /** Adds one row, {@code length} bytes of {@code row} from {@code offset}, without the binary format's framing. */
    @Override
    public void write(byte[] row, int offset, int length) {
        addRow(row, offset, length);
    }

    private void addRow(byte[] row, int offset, int length) {
        if (form.serverHash()) {
            rows++;
            high += rowHash.row(row, offset, length);
            return;
        }
        if (floats != null) {
            // normalized first: the buffer may grow into a new array
            int normalized = floats.normalize(row, offset, length);
            hash.hash(floats.buffer(), 0, normalized);
        } else {
            hash.hash(row, offset, length);
        }
        rows++;
        high += hash.high();
        low += hash.low();
    }

    public RowDigest digest() {
        return new RowDigest(form, rows, high, low);
    }

    /**
     * Reads the rows of {@code table} matching {@code part} (null for all) on {@code connection}
     * in {@code form} and returns their digest; no row is kept.
     */
    public static RowDigest read(Connection connection, TableData table, String part, RowDigest.Form form) throws SQLException {
        return read(connection, table, part, form, null);
    }

    /**
     * The same, of the rows as {@code transform} passes them on (null: as read), for a table
     * whose copy changed values on purpose.
     */
    public static RowDigest read(Connection connection, TableData table, String part, RowDigest.Form form, RowTransform transform)
            throws SQLException {
        if (form.serverHash() && transform == null) {
            return PgRowHash.read(connection, table, part);
        }
        if (form.rawBytes()) {
            TableCopier.clientEncoding(connection, TableCopier.RAW_BYTES_ENCODING);
        }
        try {
            return read(connection, TableCopier.readStatement(table, part, form.binary()), new RowDigester(form, table.columns()), transform);
        } finally {
            if (form.rawBytes()) {
                TableCopier.clientEncoding(connection, "UTF8");
            }
        }
    }

    private static RowDigest read(Connection connection, String copy, RowDigester digester, RowTransform transform) throws SQLException {
        CopyOut out = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copy);
        try {
            byte[] message;
            while ((message = out.readFromCopy()) != null) {
                digester.add(message, transform);
            }
        } catch (SQLException | RuntimeException e) {
            // a transformation of the user's may throw anything: the COPY ends all the same, or
            // the connection would stay in it and every later statement would wait for ever
            TableCopier.cancel(out, e);
            throw e;
        }
        return digester.digest();
    }
}
