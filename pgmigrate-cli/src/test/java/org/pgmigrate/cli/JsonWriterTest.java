package org.pgmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "quote|a\"b|`\"a\\\"b\"`",
            "backslash|a\\b|`\"a\\\\b\"`",
            "solidus is left alone|a/b|`\"a/b\"`"})
    void escapesQuoteAndBackslash(String what, String input, String expected) {
        assertThat(JsonWriter.quote(input)).isEqualTo(expected);
    }

    @Test
    void escapesEveryControlCharacter() {
        assertThat(JsonWriter.quote("\b\f\n\r\t")).isEqualTo("\"\\b\\f\\n\\r\\t\"");
        assertThat(JsonWriter.quote("\u0000\u0001\u001f")).isEqualTo("\"\\u0000\\u0001\\u001f\"");
        for (char c = 0; c < 0x20; c++) {
            String quoted = JsonWriter.quote("x" + c);
            assertThat(quoted.chars()).as("char %d", (int) c).allMatch(ch -> ch >= 0x20);
        }
    }

    @Test
    void passesNonAsciiThroughButEscapesLineSeparatorsAndLoneSurrogates() {
        assertThat(JsonWriter.quote("café 日本 \uD83D\uDE00 \u007f")).isEqualTo("\"café 日本 \uD83D\uDE00 \u007f\"");
        assertThat(JsonWriter.quote("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
        assertThat(JsonWriter.quote("a\uD83Db")).isEqualTo("\"a\\ud83db\"");
        assertThat(JsonWriter.quote("\uDE00\uD83D")).isEqualTo("\"\\ude00\\ud83d\"");
    }

    @Test
    void writesNestedDocumentsThatParseBack() throws Exception {
        String json = new JsonWriter().beginObject()
                .field("name", "line\n\"two\"")
                .field("count", Long.MAX_VALUE)
                .field("ok", true)
                .name("missing").nullValue()
                .name("empty").beginArray().endArray()
                .name("none").beginObject().endObject()
                .name("list").beginArray().value(1).value("x").beginObject().field("k", false).endObject().endArray()
                .endObject()
                .toJson();

        JsonNode node = JSON.readTree(json);
        assertThat(node.get("name").asText()).isEqualTo("line\n\"two\"");
        assertThat(node.get("count").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(node.get("ok").asBoolean()).isTrue();
        assertThat(node.get("missing").isNull()).isTrue();
        assertThat(node.get("empty").isArray()).isTrue();
        assertThat(node.get("empty")).isEmpty();
        assertThat(node.get("none").isObject()).isTrue();
        assertThat(node.get("list").get(2).get("k").asBoolean(true)).isFalse();
        assertThat(json).contains("\"empty\": [],").contains("\"none\": {},").endsWith("}\n");
    }

    @Test
    void indentsTwoSpacesPerLevel() {
        String json = new JsonWriter().beginObject().name("a").beginArray().value(1).value(2).endArray().endObject().toJson();

        assertThat(json).isEqualTo("{\n  \"a\": [\n    1,\n    2\n  ]\n}\n");
    }

    @Test
    void refusesMalformedDocuments() {
        assertThatThrownBy(() -> new JsonWriter().beginObject().value("no name"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginArray().name("x"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginObject().name("a").name("b"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginObject().endArray())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginObject().name("dangling").endObject())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().value(1).value(2))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginObject().toJson())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().toJson())
                .isInstanceOf(IllegalStateException.class);
    }
}
