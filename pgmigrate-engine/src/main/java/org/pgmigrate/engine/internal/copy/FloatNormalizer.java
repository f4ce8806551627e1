package org.pgmigrate.engine.internal.copy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.pgmigrate.engine.internal.schema.TableColumn;
import org.pgmigrate.engine.internal.schema.TableColumn.Floats;

/**
 * Rewrites a text COPY row so that each floating-point number in the columns that print them
 * reads as the bits of its value: PostgreSQL 11 prints 0.1 as {@code 0.100000000000000006} with
 * the sessions' {@code extra_float_digits = 3}, 12 and later as {@code 0.1}, and both mean the same
 * double. Every other byte of the row stays as it is.
 *
 * <p>In text format a tab or newline inside a value is escaped, so a tab byte always ends a field.
 */
final class FloatNormalizer {
    private final Floats[] columns;
    private byte[] out = new byte[256];
    private int length;

    private FloatNormalizer(Floats[] columns) {
        this.columns = columns;
    }

    /** The normalizer for rows of {@code columns}, or null if none of them prints floats. */
    static FloatNormalizer of(List<TableColumn> columns) {
        if (columns.stream().allMatch(c -> c.floats() == Floats.NONE)) {
            return null;
        }
        return new FloatNormalizer(columns.stream().map(TableColumn::floats).toArray(Floats[]::new));
    }

    /** The row normalized, in the first {@link #normalize} bytes. */
    byte[] buffer() {
        return out;
    }

    /** Normalizes {@code row} into {@link #buffer()} and returns its length. */
    int normalize(byte[] row) {
        return normalize(row, 0, row.length);
    }

    /** Normalizes the row of {@code rowLength} bytes at {@code offset} of {@code row} into {@link #buffer()} and returns its length. */
    int normalize(byte[] row, int offset, int rowLength) {
        length = 0;
        int field = 0;
        int start = offset;
        int rowEnd = offset + rowLength;
        while (start < rowEnd) {
            int end = start;
            while (end < rowEnd && row[end] != '\t' && row[end] != '\n') {
                end++;
            }
            Floats floats = field < columns.length ? columns[field] : Floats.NONE;
            boolean isNull = end - start == 2 && row[start] == '\\' && row[start + 1] == 'N';
            if (floats == Floats.NONE || isNull) {
                append(row, start, end - start);
            } else {
                numbers(row, start, end, floats);
            }
            if (end < rowEnd) {
                append(row, end, 1);
            }
            start = end + 1;
            field++;
        }
        return length;
    }

    /** Copies a field, each number in it (a run of letters, digits, dots and signs that parses as one) replaced by its bits. */
    private void numbers(byte[] row, int start, int end, Floats floats) {
        int i = start;
        while (i < end) {
            if (!numberByte(row[i])) {
                append(row, i++, 1);
                continue;
            }
            int tokenEnd = i;
            while (tokenEnd < end && numberByte(row[tokenEnd])) {
                tokenEnd++;
            }
            String token = new String(row, i, tokenEnd - i, StandardCharsets.US_ASCII);
            String bits = bits(token, floats);
            if (bits == null) {
                append(row, i, tokenEnd - i);
            } else {
                append(('#' + bits).getBytes(StandardCharsets.US_ASCII));
            }
            i = tokenEnd;
        }
    }

    private static String bits(String token, Floats floats) {
        try {
            return floats == Floats.SINGLE
                    ? Integer.toHexString(Float.floatToIntBits(Float.parseFloat(token)))
                    : Long.toHexString(Double.doubleToLongBits(Double.parseDouble(token)));
        } catch (NumberFormatException notANumber) {
            // NULL in an array, a word in a value
            return null;
        }
    }

    private static boolean numberByte(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '.' || b == '+' || b == '-';
    }

    private void append(byte[] bytes) {
        append(bytes, 0, bytes.length);
    }

    private void append(byte[] bytes, int from, int count) {
        if (length + count > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, length + count));
        }
        System.arraycopy(bytes, from, out, length, count);
        length += count;
    }
}
