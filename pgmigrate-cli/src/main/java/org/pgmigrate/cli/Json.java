package org.pgmigrate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the report files are written: pretty-printed with two-space indents, {@code "name": value},
 * {@code []} and {@code {}} when empty, a newline at the end. Scripts and people diff these files,
 * so the layout stays what it was when they were first written.
 */
final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(INDENT)
            .withArrayIndenter(INDENT));
    /**
     * What Jackson leaves raw in strings but a report must not hold raw: U+2028/U+2029 (they break
     * JavaScript embedding) and unpaired surrogates (UTF-8 cannot encode them). Outside strings a
     * JSON document has only ASCII, so escaping them in the whole text escapes them in the strings.
     */
    private static final Pattern RAW = Pattern.compile("[\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]");

    private Json() {}

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array;
    }

    /** A finite number with one decimal; JSON has no NaN or Infinity, so those are null. */
    static JsonNode oneDecimal(double value) {
        return Double.isFinite(value)
                ? DecimalNode.valueOf(BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP))
                : JsonNodeFactory.instance.nullNode();
    }

    /** The document, ending with a newline like any text file. */
    static String write(JsonNode document) {
        String json;
        try {
            json = WRITER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain nodes always serializes
        }
        Matcher raw = RAW.matcher(json);
        StringBuilder escaped = new StringBuilder(json.length() + 1);
        while (raw.find()) {
            raw.appendReplacement(escaped, String.format("\\\\u%04x", (int) raw.group().charAt(0)));
        }
        return raw.appendTail(escaped).append('\n').toString();
    }
}
