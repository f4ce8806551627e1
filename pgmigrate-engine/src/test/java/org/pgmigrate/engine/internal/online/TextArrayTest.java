package org.pgmigrate.engine.internal.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TextArrayTest {
    @Test
    void readsPlainQuotedEscapedAndNullElements() {
        // as PostgreSQL prints ARRAY['table', 'public', 'a b', 'say "hi"', 'back\slash', '{x,y}', 'NULL', NULL, '']
        String text = "{table,public,\"a b\",\"say \\\"hi\\\"\",\"back\\\\slash\",\"{x,y}\",\"NULL\",NULL,\"\"}";

        assertThat(TextArray.parse(text)).isEqualTo(Arrays.asList("table", "public", "a b", "say \"hi\"", "back\\slash", "{x,y}",
                "NULL", null, ""));
    }

    @Test
    void anEmptyArrayHasNoElements() {
        assertThat(TextArray.parse("{}")).isEmpty();
    }

    @Test
    void refusesWhatIsNotAnArray() {
        assertThatThrownBy(() -> TextArray.parse("table")).isInstanceOf(IllegalArgumentException.class);
    }
}
