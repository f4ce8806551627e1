package org.pgmigrate.spi.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TextRowsTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsFieldsAsPostgresqlPrintsThem() {
        // as COPY TO prints: 1, NULL, "a<tab>b<newline>c\d", an empty string, "é中"
        byte[] row = bytes("xx1\t\\N\ta\\tb\\nc\\\\d\t\té中\n");

        assertThat(TextRows.fields(row, 2, row.length - 2)).containsExactly("1", null, "a\tb\nc\\d", "", "é中");
    }

    @Test
    void readsTheEscapesCopyFromAcceptsToo() {
        byte[] row = bytes("\\101\\x42\\b\\f\\r\\v\\q\\N\n");

        assertThat(TextRows.fields(row, 0, row.length)).containsExactly("AB\b\f\r\u000bqN");
    }

    @Test
    void writesRowsCopyFromReads() {
        assertThat(new String(TextRows.row(Arrays.asList("1", null, "a\tb\nc\\d", "", "\r\u000b")), StandardCharsets.UTF_8))
                .isEqualTo("1\t\\N\ta\\tb\\nc\\\\d\t\t\\r\\v\n");
    }

    @Provide
    Arbitrary<List<String>> rows() {
        return Arbitraries.strings().withChars("\t\n\r\\Nab é\b\f\u000b中").ofMaxLength(8).injectNull(0.2).list().ofMinSize(1).ofMaxSize(5);
    }

    @Property
    void whatIsWrittenReadsBackTheSame(@ForAll("rows") List<String> fields) {
        byte[] row = TextRows.row(fields);

        assertThat(TextRows.fields(row, 0, row.length)).isEqualTo(fields);
    }
}
