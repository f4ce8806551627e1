package org.pgmigrate.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|0 B", "1023|1023 B", "1024|1.0 KiB", "1536|1.5 KiB", "1048524|1023.9 KiB", "1048525|1.0 MiB",
            "1048576|1.0 MiB", "5368709120|5.0 GiB", "1099511627776|1.0 TiB"})
    void bytesInBinaryUnits(long bytes, String expected) {
        assertThat(Units.bytes(bytes)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|0 ms", "999|999 ms", "1000|1.0 s", "12345|12.3 s", "59949|59.9 s", "59960|1 min 00 s",
            "245000|4 min 05 s", "3599400|59 min 59 s", "7620000|2 h 07 min"})
    void durationsReadable(long millis, String expected) {
        assertThat(Units.duration(Duration.ofMillis(millis))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0|0", "999|999", "1234567|1,234,567"})
    void countsGrouped(long n, String expected) {
        assertThat(Units.count(n)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0|0 rows", "1|1 row", "2|2 rows", "1500|1,500 rows"})
    void countsWithNouns(long n, String expected) {
        assertThat(Units.count(n, "row")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2097152|2000|1.0 MiB/s|", "1000|0||"})
    void byteRateOverDuration(long bytes, long millis, String expected) {
        assertThat(Units.byteRate(bytes, Duration.ofMillis(millis))).isEqualTo(expected == null ? "" : expected);
    }
}
