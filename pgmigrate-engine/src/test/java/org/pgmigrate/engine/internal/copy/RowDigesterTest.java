package org.pgmigrate.engine.internal.copy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgmigrate.engine.internal.schema.TableColumn;
import org.pgmigrate.engine.internal.schema.TableColumn.Floats;

class RowDigesterTest {
    private static final RowDigest.Form TEXT = RowDigest.Form.of(false, false, false);
    private static final RowDigest.Form TEXT_ACROSS_MAJORS = RowDigest.Form.of(false, true, false);
    private static final RowDigest.Form BINARY = RowDigest.Form.of(true, false, false);
    /** "PGCOPY\n\377\r\n\0", flags 0, no header extension. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};

    private static List<TableColumn> columns(Floats... floats) {
        return Arrays.stream(floats).map(f -> new TableColumn("\"c\"", f, true, false)).toList();
    }

    private static RowDigest digest(RowDigest.Form form, List<TableColumn> columns, String... rows) throws SQLException {
        RowDigester digester = new RowDigester(form, columns);
        for (String row : rows) {
            digester.add(row.getBytes(UTF_8));
        }
        return digester.digest();
    }

    @Test
    void rowOrderDoesNotMatterButEveryRowDoes() throws SQLException {
        List<TableColumn> two = columns(Floats.NONE, Floats.NONE);
        RowDigest rows = digest(TEXT, two, "1\ta\n", "2\tb\n", "3\tc\n");
        assertThat(digest(TEXT, two, "3\tc\n", "1\ta\n", "2\tb\n").sameRows(rows)).isTrue();
        assertThat(rows.rows()).isEqualTo(3);
        assertThat(digest(TEXT, two, "1\ta\n", "2\tb\n").sameRows(rows)).as("a missing row").isFalse();
        assertThat(digest(TEXT, two, "1\ta\n", "2\tb\n", "3\tc\n", "3\tc\n").sameRows(rows)).as("a duplicated row").isFalse();
        assertThat(digest(TEXT, two, "1\ta\n", "2\tb\n", "3\td\n").sameRows(rows)).as("a changed value").isFalse();
        assertThat(digest(TEXT, two, "1\tb\n", "2\ta\n", "3\tc\n").sameRows(rows)).as("values swapped between rows").isFalse();
        assertThat(digest(TEXT, two, "1\ta \n", "2\tb\n", "3\tc\n").sameRows(rows)).as("a trailing space").isFalse();
    }

    @Test
    void partsAddUpToTheWhole() throws SQLException {
        List<TableColumn> one = columns(Floats.NONE);
        RowDigest whole = digest(TEXT, one, "a\n", "b\n", "c\n");
        assertThat(digest(TEXT, one, "a\n").plus(digest(TEXT, one, "c\n", "b\n")).sameRows(whole)).isTrue();
        assertThat(digest(BINARY, one).sameRows(RowDigest.empty(BINARY))).isTrue();
        assertThat(digest(TEXT, one).sameRows(RowDigest.empty(BINARY))).as("digests of different forms").isFalse();
    }

    @Test
    void binaryRowsLeaveOutTheHeaderAndTrailer() throws SQLException {
        byte[] x = {0, 1, 0, 0, 0, 1, 'x'};
        byte[] y = {0, 1, 0, 0, 0, 1, 'y'};
        byte[] headerAndX = new byte[HEADER.length + x.length];
        System.arraycopy(HEADER, 0, headerAndX, 0, HEADER.length);
        System.arraycopy(x, 0, headerAndX, HEADER.length, x.length);
        // as the server sends them: the header with the first row
        RowDigester glued = new RowDigester(BINARY, columns(Floats.NONE));
        glued.add(headerAndX);
        glued.add(y);
        glued.add(TRAILER);
        RowDigester apart = new RowDigester(BINARY, columns(Floats.NONE));
        apart.add(HEADER);
        apart.add(y);
        apart.add(x);
        apart.add(TRAILER);
        assertThat(glued.digest().rows()).isEqualTo(2);
        assertThat(glued.digest().sameRows(apart.digest())).isTrue();
        RowDigester onlyX = new RowDigester(BINARY, columns(Floats.NONE));
        onlyX.add(headerAndX);
        onlyX.add(TRAILER);
        assertThat(onlyX.digest().sameRows(glued.digest())).isFalse();
        RowDigester empty = new RowDigester(BINARY, columns(Floats.NONE));
        byte[] headerAndTrailer = new byte[HEADER.length + 2];
        System.arraycopy(HEADER, 0, headerAndTrailer, 0, HEADER.length);
        System.arraycopy(TRAILER, 0, headerAndTrailer, HEADER.length, 2);
        empty.add(headerAndTrailer);
        assertThat(empty.digest().sameRows(RowDigest.empty(BINARY))).as("an empty table: header and trailer in one message").isTrue();
    }

    @Test
    void acrossMajorsFloatsCompareByValue() throws SQLException {
        List<TableColumn> columns = columns(Floats.NONE, Floats.DOUBLE, Floats.SINGLE, Floats.DOUBLE, Floats.DOUBLE);
        // PostgreSQL 11 with extra_float_digits = 3, and 12 or later
        String eleven = "0.1\t0.10000000000000001\t0.100000001\t(1.1000000000000001,-2.2000000000000002)\t{1.0000000000000001e-05,NULL,NaN}\n";
        String seventeen = "0.1\t0.1\t0.1\t(1.1,-2.2)\t{1e-05,NULL,NaN}\n";
        assertThat(digest(TEXT_ACROSS_MAJORS, columns, eleven).sameRows(digest(TEXT_ACROSS_MAJORS, columns, seventeen))).isTrue();
        assertThat(digest(TEXT, columns, eleven).sameRows(digest(TEXT, columns, seventeen))).as("the same major compares text").isFalse();
        String lastBit = "0.1\t0.10000000000000002\t0.1\t(1.1,-2.2)\t{1e-05,NULL,NaN}\n";
        assertThat(digest(TEXT_ACROSS_MAJORS, columns, lastBit).sameRows(digest(TEXT_ACROSS_MAJORS, columns, seventeen)))
                .as("a double changed in its last bit").isFalse();
        String notAFloat = "0.10\t0.1\t0.1\t(1.1,-2.2)\t{1e-05,NULL,NaN}\n";
        assertThat(digest(TEXT_ACROSS_MAJORS, columns, notAFloat).sameRows(digest(TEXT_ACROSS_MAJORS, columns, seventeen)))
                .as("a column without floats keeps its text").isFalse();
        String nulls = "0.1\t\\N\t0.1\t(1.1,-2.2)\t{1e-05,NULL,NaN}\n";
        assertThat(digest(TEXT_ACROSS_MAJORS, columns, nulls).sameRows(digest(TEXT_ACROSS_MAJORS, columns, seventeen)))
                .as("NULL is no number").isFalse();
        assertThat(digest(TEXT_ACROSS_MAJORS, columns(Floats.DOUBLE), "-0\n").sameRows(digest(TEXT_ACROSS_MAJORS, columns(Floats.DOUBLE), "0\n")))
                .as("negative zero").isFalse();
    }

    @Test
    void aLongRowOfFloatsComparesAcrossMajorsToo() throws SQLException {
        // a float[] of 400 values: the row outgrows the digester's first buffer
        String eleven = "{" + String.join(",", java.util.Collections.nCopies(400, "0.10000000000000001")) + "}\n";
        String seventeen = "{" + String.join(",", java.util.Collections.nCopies(400, "0.1")) + "}\n";
        String changed = seventeen.replaceFirst("0\\.1", "0.2");

        assertThat(digest(TEXT_ACROSS_MAJORS, columns(Floats.DOUBLE), eleven).sameRows(digest(TEXT_ACROSS_MAJORS, columns(Floats.DOUBLE), seventeen)))
                .isTrue();
        assertThat(digest(TEXT_ACROSS_MAJORS, columns(Floats.DOUBLE), changed).sameRows(digest(TEXT_ACROSS_MAJORS, columns(Floats.DOUBLE), seventeen)))
                .isFalse();
    }
}
