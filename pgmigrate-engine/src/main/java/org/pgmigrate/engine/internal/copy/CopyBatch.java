package org.pgmigrate.engine.internal.copy;

import java.sql.SQLException;
import org.pgmigrate.spi.copy.RowSink;
import org.postgresql.copy.CopyIn;

/**
 * Gathers rows into COPY data messages of up to {@link #SIZE} bytes for the target. The source
 * sends one message per row; passed on one by one, each row would make the target fetch a
 * protocol message and refill its input buffer. COPY FROM reads its input as one stream, in text
 * and binary format alike, so a message may hold many rows, and a row larger than the batch
 * travels alone.
 */
final class CopyBatch implements RowSink {
    /** What the target's COPY FROM reads from its input at once (RAW_BUF_SIZE in copyfrom). */
    static final int SIZE = 64 * 1024;

    private final CopyIn in;
    private final byte[] buffer = new byte[SIZE];
    private int length;

    CopyBatch(CopyIn in) {
        this.in = in;
    }

    /** Adds {@code rowLength} bytes of {@code row} from {@code offset}. */
    @Override
    public void write(byte[] row, int offset, int rowLength) throws SQLException {
        if (rowLength > SIZE - length) {
            flush();
            if (rowLength >= SIZE) {
                in.writeToCopy(row, offset, rowLength);
                return;
            }
        }
        System.arraycopy(row, offset, buffer, length, rowLength);
        length += rowLength;
    }

    /** Sends what is gathered; call before ending the copy. */
    void flush() throws SQLException {
        if (length > 0) {
            in.writeToCopy(buffer, 0, length);
            length = 0;
        }
    }
}
