package org.pgmigrate.engine.internal.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.pgmigrate.engine.internal.schema.TableColumn;

/**
 * Rows are written here the way PostgreSQL's COPY TO writes them, and read back the way COPY
 * FROM reads them; a padded column must come out without its trailing spaces, every other value
 * exactly as it went in.
 */
class PaddingTrimmerTest {
    /** A row: per column whether it is padded, and its value (null for SQL NULL). */
    record Row(List<Boolean> padded, List<String> values) {}

    @Provide
    Arbitrary<Row> rows() {
        Arbitrary<String> value = Arbitraries.strings()
                .withChars(" \t\n\r\\aZ9é中\u3000")
                .ofMaxLength(12)
                .injectNull(0.15);
        return Arbitraries.integers().between(1, 6).flatMap(columns -> Combinators.combine(
                Arbitraries.of(true, false).list().ofSize(columns),
                value.list().ofSize(columns)).as(Row::new));
    }

    @Property
    void binaryRowsLoseOnlyThePaddingOfPaddedColumns(@ForAll("rows") Row row) throws IOException, SQLException {
        Assume.that(row.padded().contains(true));
        PaddingTrimmer trimmer = PaddingTrimmer.of(columns(row.padded()), true);
        byte[] header = header(0);
        byte[] first = concat(header, binaryRow(row.values()));
        int start = new CopyFraming(true).rowStart(first);
        int end = trimmer.trim(first, start, first.length - start);
        assertThat(Arrays.copyOf(first, header.length)).as("the header before the row").isEqualTo(header);
        assertThat(readBinaryRow(Arrays.copyOfRange(first, header.length, end))).isEqualTo(expected(row));

        byte[] second = binaryRow(row.values());
        assertThat(readBinaryRow(Arrays.copyOf(second, trimmer.trim(second, 0, second.length)))).isEqualTo(expected(row));
    }

    @Property
    void textRowsLoseOnlyThePaddingOfPaddedColumns(@ForAll("rows") Row row) throws SQLException {
        Assume.that(row.padded().contains(true));
        PaddingTrimmer trimmer = PaddingTrimmer.of(columns(row.padded()), false);
        byte[] text = textRow(row.values());
        assertThat(readTextRow(Arrays.copyOf(text, trimmer.trim(text, 0, text.length)))).isEqualTo(expected(row));
    }

    @Test
    void asATransformationItSendsTheTrimmedRowAndKeepsValues() throws SQLException {
        PaddingTrimmer trimmer = PaddingTrimmer.of(columns(List.of(false, true)), false);
        byte[] message = "xxa  \tb  \n".getBytes(StandardCharsets.UTF_8);
        List<String> sent = new ArrayList<>();

        trimmer.transform(message, 2, message.length - 2, (row, offset, length) -> sent.add(new String(row, offset, length, StandardCharsets.UTF_8)));

        assertThat(sent).containsExactly("a  \tb\n");
        assertThat(trimmer.keepsValues()).as("the target pads again").isTrue();
        assertThat(trimmer.binary()).isFalse();
    }

    @Test
    void runsOfSpacesOfAnyLengthAreCutWhereTheValueEnds() {
        for (int value = 0; value <= 20; value++) {
            for (int spaces = 0; spaces <= 40; spaces++) {
                // the value is x then dots, padded: it starts 3 bytes into the row, and spaces and other bytes follow it
                String text = value == 0 ? "" : "x" + ".".repeat(value - 1);
                byte[] row = ("ab!" + text + " ".repeat(spaces) + "  zz").getBytes(StandardCharsets.US_ASCII);
                int start = 3;
                int end = start + value + spaces;
                assertThat(PaddingTrimmer.withoutTrailingSpaces(row, start, end)).as("%d bytes then %d spaces", value, spaces)
                        .isEqualTo(start + value);
            }
        }
    }

    @Test
    void aTableWithoutPaddedColumnsHasNoTrimmer() {
        assertThat(PaddingTrimmer.of(columns(List.of(false, false)), true)).isNull();
    }

    @Test
    void aRowOfAnotherShapeIsRefusedNotMangled() throws IOException {
        PaddingTrimmer binary = PaddingTrimmer.of(columns(List.of(true, false)), true);
        byte[] three = binaryRow(Arrays.asList("a ", "b", "c"));
        assertThatThrownBy(() -> binary.trim(three, 0, three.length))
                .isInstanceOf(SQLException.class).hasMessageContaining("3 fields");
        byte[] cut = binaryRow(Arrays.asList("abc  ", "b"));
        assertThatThrownBy(() -> binary.trim(cut, 0, cut.length - 8))
                .isInstanceOf(SQLException.class).hasMessageContaining("past the end");

        PaddingTrimmer text = PaddingTrimmer.of(columns(List.of(false, true)), false);
        byte[] oneField = "a  \n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> text.trim(oneField, 0, oneField.length))
                .isInstanceOf(SQLException.class).hasMessageContaining("1 fields");
        byte[] noNewline = "a\tb  ".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> text.trim(noNewline, 0, noNewline.length))
                .isInstanceOf(SQLException.class).hasMessageContaining("newline");
    }

    private static List<TableColumn> columns(List<Boolean> padded) {
        return padded.stream().map(p -> new TableColumn("\"c\"", TableColumn.Floats.NONE, true, p)).toList();
    }

    private static List<String> expected(Row row) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < row.values().size(); i++) {
            String v = row.values().get(i);
            values.add(v != null && row.padded().get(i) ? v.replaceAll(" +\\z", "") : v);
        }
        return values;
    }

    static byte[] header(int extension) {
        ByteBuffer b = ByteBuffer.allocate(19 + extension);
        b.put("PGCOPY\n".getBytes(StandardCharsets.US_ASCII)).put((byte) 0xff).put((byte) '\r').put((byte) '\n').put((byte) 0);
        b.putInt(0).putInt(extension);
        return b.array();
    }

    private static byte[] binaryRow(List<String> values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(values.size());
        for (String v : values) {
            if (v == null) {
                out.writeInt(-1);
            } else {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
        }
        return bytes.toByteArray();
    }

    private static List<String> readBinaryRow(byte[] row) {
        ByteBuffer b = ByteBuffer.wrap(row);
        int fields = b.getShort();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < fields; i++) {
            int length = b.getInt();
            if (length < 0) {
                values.add(null);
            } else {
                byte[] v = new byte[length];
                b.get(v);
                values.add(new String(v, StandardCharsets.UTF_8));
            }
        }
        assertThat(b.remaining()).as("bytes after the last field").isZero();
        return values;
    }

    /** As COPY TO's text format escapes values. */
    private static byte[] textRow(List<String> values) {
        List<String> fields = new ArrayList<>();
        for (String v : values) {
            fields.add(v == null ? "\\N" : v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"));
        }
        return (String.join("\t", fields) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> readTextRow(byte[] row) {
        String line = new String(row, StandardCharsets.UTF_8);
        assertThat(line).endsWith("\n");
        List<String> values = new ArrayList<>();
        for (String field : line.substring(0, line.length() - 1).split("\t", -1)) {
            values.add(field.equals("\\N") ? null : unescape(field));
        }
        return values;
    }

    private static String unescape(String field) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\') {
                s.append(c);
                continue;
            }
            char next = field.charAt(++i);
            s.append(switch (next) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> next;
            });
        }
        return s.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
