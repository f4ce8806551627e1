package org.pgmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Whatever a name or message holds, the report stays valid JSON that UTF-8 can carry and gives it back unchanged. */
class JsonProperties {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 2000)
    void everyStringSurvivesARoundTrip(@ForAll String value) throws Exception {
        String json = Json.write(Json.object().put(value, value));

        var node = JSON.readTree(json);
        assertThat(node.fieldNames().next()).isEqualTo(value);
        assertThat(node.get(value).textValue()).isEqualTo(value);
        assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(json)).isTrue();
        assertThat(json.chars()).noneMatch(c -> c < 0x20 && c != '\n' || c == 0x2028 || c == 0x2029);
    }
}
