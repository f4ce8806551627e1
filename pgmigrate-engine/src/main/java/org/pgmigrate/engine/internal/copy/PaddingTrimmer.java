package org.pgmigrate.engine.internal.copy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.engine.internal.schema.TableColumn;
import org.pgmigrate.spi.copy.RowSink;
import org.pgmigrate.spi.copy.RowTransform;
import org.postgresql.util.ByteConverter;

/**
 * Takes the trailing spaces off {@code character(n)} values while rows pass from the source to
 * the target. Such a value is stored padded with spaces to n characters and the source sends the
 * padding, but the target pads a shorter value to n again on input, so what it stores is the same
 * without them. Trimmed, the padding does not travel, and the target does not count it: it checks
 * each value's length character by character, a function call per byte in a multibyte encoding,
 * which for a wide, mostly blank column such as pgbench's {@code filler char(84)} is a third of
 * the target's work on the table.
 *
 * <p>Rows change in place (they only get shorter), without the binary format's header and trailer
 * (see {@link CopyFraming}). Trailing spaces are trailing 0x20 bytes: in the encodings a copy runs in (UTF-8, or
 * LATIN1 between SQL_ASCII databases) no multibyte character holds that byte.
 */
abstract class PaddingTrimmer implements RowTransform {
    /** Per column: whether its values are trimmed. */
    final boolean[] padded;
    /** The last trimmed column: the rest of a row moves in one piece. */
    final int lastPadded;

    private PaddingTrimmer(boolean[] padded) {
        this.padded = padded;
        int last = -1;
        for (int i = 0; i < padded.length; i++) {
            if (padded[i]) {
                last = i;
            }
        }
        this.lastPadded = last;
    }

    /** The trimmer for rows of {@code columns} in the binary or text COPY format, or null if none is padded. */
    static PaddingTrimmer of(List<TableColumn> columns, boolean binary) {
        if (columns.stream().noneMatch(TableColumn::blankPadded)) {
            return null;
        }
        boolean[] padded = new boolean[columns.size()];
        for (int i = 0; i < padded.length; i++) {
            padded[i] = columns.get(i).blankPadded();
        }
        return binary ? new Binary(padded) : new Text(padded);
    }

    @Override
    public void transform(byte[] row, int offset, int length, RowSink out) throws SQLException {
        out.write(row, offset, trim(row, offset, length) - offset);
    }

    /** Whether it reads rows in the binary format. */
    boolean binary() {
        return this instanceof Binary;
    }

    /** The target pads the values to their length again. */
    @Override
    public boolean keepsValues() {
        return true;
    }

    @Override
    public String toString() {
        return "character(n) padding left out";
    }

    /**
     * Trims the padded values of the row of {@code length} bytes at {@code offset} of {@code row},
     * moving the rest forward.
     *
     * @return where the row ends now
     * @throws SQLException if the row is not one of the rows this trimmer was made for: the copy
     *     fails (not retried) rather than load rows it cannot vouch for
     */
    abstract int trim(byte[] row, int offset, int length) throws SQLException;

    /** Eight bytes of a row at once, to pass over padding a word at a time. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long EIGHT_SPACES = 0x2020202020202020L;

    /** Where a value ends once its trailing spaces are off. */
    static int withoutTrailingSpaces(byte[] row, int start, int end) {
        // character(n) values are mostly padding: pgbench's filler is 84 spaces
        while (end - start >= 8 && (long) WORDS.get(row, end - 8) == EIGHT_SPACES) {
            end -= 8;
        }
        while (end > start && row[end - 1] == ' ') {
            end--;
        }
        return end;
    }

    SQLException unexpected(String what) {
        return new SQLException("A COPY row from the source does not have the layout of the table's "
                + padded.length + " columns (" + what + "): report this as a bug of pgmigrate", INTERNAL_ERROR);
    }

    /** The SQLSTATE of an internal error, which is never retried. */
    private static final String INTERNAL_ERROR = "XX000";

    /**
     * Binary format: a row is the number of fields (int16), then each field as its length (int32,
     * -1 for null) and its bytes.
     */
    private static final class Binary extends PaddingTrimmer {
        Binary(boolean[] padded) {
            super(padded);
        }

        @Override
        int trim(byte[] row, int offset, int length) throws SQLException {
            int end = offset + length;
            if (length < 2) {
                throw unexpected("a row of " + length + " bytes");
            }
            int fields = ByteConverter.int2(row, offset);
            if (fields != padded.length) {
                throw unexpected(fields + " fields");
            }
            int read = offset + 2;
            int write = read;
            for (int f = 0; f <= lastPadded; f++) {
                if (read + 4 > end) {
                    throw unexpected("a field past the end of the row");
                }
                int size = ByteConverter.int4(row, read);
                int start = read + 4;
                int valueEnd = size < 0 ? start : start + size;
                if (valueEnd > end) {
                    throw unexpected("a field past the end of the row");
                }
                int kept = padded[f] && size > 0 ? withoutTrailingSpaces(row, start, valueEnd) - start : size;
                if (kept != size || write != read) {
                    ByteConverter.int4(row, write, kept);
                }
                if (kept > 0 && write != read) {
                    System.arraycopy(row, start, row, write + 4, kept);
                }
                write += 4 + Math.max(kept, 0);
                read = valueEnd;
            }
            int rest = end - read;
            if (write != read) {
                System.arraycopy(row, read, row, write, rest);
            }
            return write + rest;
        }
    }

    /**
     * Text format: a row is its fields separated by tabs and ended by a newline; tabs and
     * newlines inside values are escaped, and a space never is, so a value's trailing spaces are
     * the spaces before its tab or newline.
     */
    private static final class Text extends PaddingTrimmer {
        Text(boolean[] padded) {
            super(padded);
        }

        @Override
        int trim(byte[] row, int offset, int length) throws SQLException {
            int end = offset + length;
            if (length == 0 || row[end - 1] != '\n') {
                throw unexpected("a row that does not end with a newline");
            }
            int read = offset;
            int write = offset;
            for (int f = 0; f <= lastPadded; f++) {
                int valueEnd = read;
                while (row[valueEnd] != '\t' && row[valueEnd] != '\n') {
                    valueEnd++;
                }
                if (row[valueEnd] == '\n' && f != padded.length - 1) {
                    throw unexpected("a row of " + (f + 1) + " fields");
                }
                int kept = padded[f] ? withoutTrailingSpaces(row, read, valueEnd) : valueEnd;
                if (write != read) {
                    System.arraycopy(row, read, row, write, kept - read);
                }
                write += kept - read;
                read = valueEnd;
                if (f < lastPadded) {
                    // the tab after this value
                    row[write++] = row[read++];
                }
            }
            int rest = end - read;
            if (write != read) {
                System.arraycopy(row, read, row, write, rest);
            }
            return write + rest;
        }
    }
}
