package org.pgmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class JsonWriterProperties {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 2000)
    void everyStringSurvivesARoundTrip(@ForAll String value) throws Exception {
        String json = new JsonWriter().beginObject().field(value, value).endObject().toJson();

        var node = JSON.readTree(json);
        assertThat(node.fieldNames().next()).isEqualTo(value);
        assertThat(node.get(value).textValue()).isEqualTo(value);
    }

    @Property(tries = 2000)
    void quotedStringsHoldNoRawControlCharacters(@ForAll String value) {
        assertThat(JsonWriter.quote(value).chars()).allMatch(c -> c >= 0x20 && c != 0x2028 && c != 0x2029);
    }
}
