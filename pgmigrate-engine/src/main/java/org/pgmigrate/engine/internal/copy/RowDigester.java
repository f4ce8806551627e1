package org.pgmigrate.engine.internal.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.engine.internal.schema.TableColumn;
import org.pgmigrate.engine.internal.schema.TableData;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.util.ByteConverter;

/**
 * Takes the {@link RowDigest} of the COPY data messages of one read, one row per message as the
 * server sends them. A copy digests the source's rows as they pass through on their way to the
 * target, so verifying the copy costs one read of the target and none of the source.
 */
public final class RowDigester {
    /** Binary format: "PGCOPY\n\377\r\n\0", the flags (int32) and the header extension's length (int32). */
    private static final int BINARY_HEADER = 11 + 4 + 4;

    private final RowDigest.Form form;
    private final FloatNormalizer floats;
    private final Murmur3 hash = new Murmur3();
    private boolean headerRead;
    private long rows;
    private long high;
    private long low;

    /** A digester of rows of {@code columns} read in {@code form}. */
    public RowDigester(RowDigest.Form form, List<TableColumn> columns) {
        this.form = form;
        this.floats = form.floatsByValue() ? FloatNormalizer.of(columns) : null;
    }

    /** Adds one COPY data message: a row, in binary format also the header before the first row or the trailer. */
    public void add(byte[] message) throws SQLException {
        int start = 0;
        if (form.binary()) {
            if (!headerRead) {
                if (message.length < BINARY_HEADER) {
                    throw new SQLException("A binary COPY began with a message of " + message.length + " bytes, shorter than its header", "XX000");
                }
                start = BINARY_HEADER + ByteConverter.int4(message, BINARY_HEADER - 4);
                headerRead = true;
            }
            if (message.length - start == 2 && ByteConverter.int2(message, start) == -1) {
                return;
            }
            if (message.length == start) {
                return;
            }
        }
        if (floats != null) {
            int length = floats.normalize(message);
            hash.hash(floats.buffer(), 0, length);
        } else {
            hash.hash(message, start, message.length - start);
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
        if (form.rawBytes()) {
            TableCopier.clientEncoding(connection, TableCopier.RAW_BYTES_ENCODING);
        }
        try {
            return read(connection, TableCopier.readStatement(table, part, form.binary()), new RowDigester(form, table.columns()));
        } finally {
            if (form.rawBytes()) {
                TableCopier.clientEncoding(connection, "UTF8");
            }
        }
    }

    private static RowDigest read(Connection connection, String copy, RowDigester digester) throws SQLException {
        CopyOut out = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copy);
        try {
            byte[] message;
            while ((message = out.readFromCopy()) != null) {
                digester.add(message);
            }
        } catch (SQLException e) {
            TableCopier.cancel(out, e);
            throw e;
        }
        return digester.digest();
    }
}
