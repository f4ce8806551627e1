package org.pgmigrate.engine.internal.copy;

import java.sql.SQLException;
import org.postgresql.util.ByteConverter;

/**
 * Where the row is in each COPY data message of one read: the source sends a message per row, and
 * in the binary format the first one starts with the file header and the last one is the
 * trailer, a field count of -1.
 */
final class CopyFraming {
    /** "PGCOPY\n\377\r\n\0", the flags (int32) and the header extension's length (int32). */
    private static final int BINARY_HEADER = 11 + 4 + 4;

    private final boolean binary;
    private boolean headerRead;

    CopyFraming(boolean binary) {
        this.binary = binary;
    }

    /** Where the row in {@code message} starts: after the header in a binary read's first message, else 0. */
    int rowStart(byte[] message) throws SQLException {
        if (!binary || headerRead) {
            return 0;
        }
        if (message.length < BINARY_HEADER) {
            throw new SQLException("A binary COPY began with a message of " + message.length + " bytes, shorter than its header", "XX000");
        }
        headerRead = true;
        return BINARY_HEADER + ByteConverter.int4(message, BINARY_HEADER - 4);
    }

    /** Whether {@code message} holds a row from {@code start}: not when it ends there, nor in the trailer. */
    boolean holdsRow(byte[] message, int start) {
        if (start == message.length) {
            return false;
        }
        return !(binary && message.length - start == 2 && ByteConverter.int2(message, start) == -1);
    }
}
