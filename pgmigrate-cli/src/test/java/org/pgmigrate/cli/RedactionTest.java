package org.pgmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "postgresql://app:s3cret@db:5432/shop|postgresql://app:***@db:5432/shop",
            "postgres://:s3cret@db/shop|postgres://:***@db/shop",
            "postgresql://app:p@ss:w0rd@db/shop|postgresql://app:***@db/shop",
            "jdbc:postgresql://db/shop?user=app&password=s3cret&ssl=true|jdbc:postgresql://db/shop?user=app&password=***&ssl=true",
            "postgresql://db/shop?PASSWORD=s3cret|postgresql://db/shop?PASSWORD=***",
            "postgresql://app@db:5432/shop|postgresql://app@db:5432/shop",
            "--jobs|--jobs"})
    void masksPasswordsOnly(String text, String expected) {
        assertThat(Redaction.mask(text)).isEqualTo(expected);
    }
}
