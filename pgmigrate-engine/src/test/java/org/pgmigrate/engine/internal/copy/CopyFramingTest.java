package org.pgmigrate.engine.internal.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CopyFramingTest {
    @Test
    void aBinaryReadsFirstMessageStartsAfterTheHeaderAndItsExtension() throws SQLException {
        CopyFraming framing = new CopyFraming(true);
        byte[] header = PaddingTrimmerTest.header(3);
        byte[] first = Arrays.copyOf(header, header.length + 6);
        first[header.length + 1] = 1;

        assertThat(framing.rowStart(first)).isEqualTo(22);
        assertThat(framing.holdsRow(first, 22)).isTrue();
        byte[] next = {0, 1, 0, 0, 0, 0};
        assertThat(framing.rowStart(next)).as("later messages hold a row from their start").isZero();
    }

    @Test
    void aHeaderAloneAndTheTrailerHoldNoRow() throws SQLException {
        CopyFraming framing = new CopyFraming(true);
        byte[] header = PaddingTrimmerTest.header(0);
        assertThat(framing.holdsRow(header, framing.rowStart(header))).isFalse();

        byte[] trailer = {(byte) 0xff, (byte) 0xff};
        assertThat(framing.holdsRow(trailer, framing.rowStart(trailer))).isFalse();
        byte[] row = {0, 1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThat(framing.holdsRow(row, 0)).as("a row of one NULL").isTrue();
    }

    @Test
    void textRowsHaveNoFraming() throws SQLException {
        CopyFraming framing = new CopyFraming(false);
        byte[] row = "\\N\n".getBytes(StandardCharsets.UTF_8);
        assertThat(framing.rowStart(row)).isZero();
        assertThat(framing.holdsRow(row, 0)).isTrue();
        byte[] twoBytes = {(byte) 0xff, (byte) 0xff};
        assertThat(framing.holdsRow(twoBytes, 0)).as("only binary reads have a trailer").isTrue();
    }

    @Test
    void aBinaryReadThatBeginsShorterThanAHeaderIsRefused() {
        assertThatThrownBy(() -> new CopyFraming(true).rowStart(new byte[5])).isInstanceOf(SQLException.class)
                .hasMessageContaining("shorter than its header");
    }
}
