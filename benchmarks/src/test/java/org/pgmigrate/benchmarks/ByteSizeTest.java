package org.pgmigrate.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizeTest {
    @Test
    void parsesDecimalAndBinaryUnits() {
        assertThat(ByteSize.parse("1GB")).isEqualTo(1_000_000_000L);
        assertThat(ByteSize.parse("500mb")).isEqualTo(500_000_000L);
        assertThat(ByteSize.parse("1.5 GB")).isEqualTo(1_500_000_000L);
        assertThat(ByteSize.parse("2GiB")).isEqualTo(2L << 30);
        assertThat(ByteSize.parse("64MiB")).isEqualTo(64L << 20);
        assertThat(ByteSize.parse("12345")).isEqualTo(12_345L);
    }

    @Test
    void refusesWhatIsNotASize() {
        assertThatThrownBy(() -> ByteSize.parse("1 gallon")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1GB");
        assertThatThrownBy(() -> ByteSize.parse("-1GB")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsInGigabytesOrMegabytes() {
        assertThat(ByteSize.format(1_023_456_789L)).isEqualTo("1.02 GB");
        assertThat(ByteSize.format(100_400_000L)).isEqualTo("100 MB");
        assertThat(ByteSize.format(8_192L)).isEqualTo("8 kB");
    }
}
