package org.pgmigrate.spi.copy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes rows in COPY's text format, for a {@link RowTransform} that changes values:
 * fields separated by tabs, a backslash escaping tabs, newlines and itself, {@code \N} for NULL,
 * and the row ended by a newline. Text in UTF-8, the copy's encoding.
 *
 * <p><b>Incubating</b>: may change between minor versions.
 */
public final class TextRows {
    private TextRows() {}

    /** The fields of the row in {@code row}, {@code length} bytes from {@code offset}, unescaped; null for NULL. */
    public static List<String> fields(byte[] row, int offset, int length) {
        int end = offset + length;
        if (end > offset && row[end - 1] == '\n') {
            end--;
        }
        List<String> fields = new ArrayList<>();
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        int i = offset;
        int start = offset;
        while (true) {
            if (i == end || row[i] == '\t') {
                boolean isNull = i - start == 2 && row[start] == '\\' && row[start + 1] == 'N';
                fields.add(isNull ? null : field.toString(StandardCharsets.UTF_8));
                field.reset();
                if (i == end) {
                    return fields;
                }
                start = ++i;
                continue;
            }
            if (row[i] != '\\' || i + 1 == end) {
                field.write(row[i++]);
                continue;
            }
            byte escaped = row[i + 1];
            i += 2;
            switch (escaped) {
                case 'b' -> field.write('\b');
                case 'f' -> field.write('\f');
                case 'n' -> field.write('\n');
                case 'r' -> field.write('\r');
                case 't' -> field.write('\t');
                case 'v' -> field.write(0x0b);
                case 'x' -> {
                    int value = 0;
                    int digits = 0;
                    while (digits < 2 && i < end && Character.digit(row[i], 16) >= 0) {
                        value = value * 16 + Character.digit(row[i++], 16);
                        digits++;
                    }
                    field.write(digits == 0 ? 'x' : value);
                }
                default -> {
                    if (escaped >= '0' && escaped <= '7') {
                        int value = escaped - '0';
                        for (int digits = 1; digits < 3 && i < end && row[i] >= '0' && row[i] <= '7'; digits++) {
                            value = value * 8 + (row[i++] - '0');
                        }
                        field.write(value);
                    } else {
                        field.write(escaped);
                    }
                }
            }
        }
    }

    /** A row of {@code fields} (null for NULL), escaped, with its newline. */
    public static byte[] row(List<String> fields) {
        ByteArrayOutputStream row = new ByteArrayOutputStream();
        for (int f = 0; f < fields.size(); f++) {
            if (f > 0) {
                row.write('\t');
            }
            String value = fields.get(f);
            if (value == null) {
                row.write('\\');
                row.write('N');
                continue;
            }
            for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
                char escape = switch (b) {
                    case '\\' -> '\\';
                    case '\b' -> 'b';
                    case '\f' -> 'f';
                    case '\n' -> 'n';
                    case '\r' -> 'r';
                    case '\t' -> 't';
                    case 0x0b -> 'v';
                    default -> 0;
                };
                if (escape != 0) {
                    row.write('\\');
                    row.write(escape);
                } else {
                    row.write(b);
                }
            }
        }
        row.write('\n');
        return row.toByteArray();
    }
}
