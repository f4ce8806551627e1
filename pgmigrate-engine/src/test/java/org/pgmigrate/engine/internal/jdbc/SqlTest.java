package org.pgmigrate.engine.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class SqlTest {
    /** Reads a quoted identifier the way PostgreSQL's scanner does. */
    private static String unquote(String quoted) {
        assertThat(quoted).startsWith("\"").endsWith("\"");
        String body = quoted.substring(1, quoted.length() - 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"') {
                assertThat(body.charAt(i + 1)).as("a quote inside must be doubled").isEqualTo('"');
                i++;
            }
            out.append(c);
        }
        return out.toString();
    }

    @Property
    void quotedIdentifierReadsBackAsTheName(
            @ForAll @StringLength(min = 1, max = 63) @Chars({'"', '\'', ' ', '\n', '\t', ';', '$', '\\', '.', '-'})
            @CharRange(from = 'a', to = 'z') @CharRange(from = 'A', to = 'Z') @CharRange(from = 'à', to = 'ÿ') String name) {
        assertThat(unquote(Sql.ident(name))).isEqualTo(name);
    }

    @Property
    void qualifiedNameKeepsBothParts(@ForAll @StringLength(min = 1, max = 20) @Chars({'"', '.', ' '}) @CharRange(from = 'a', to = 'c') String schema,
                                     @ForAll @StringLength(min = 1, max = 20) @Chars({'"', '.', ' '}) @CharRange(from = 'a', to = 'c') String name) {
        String q = Sql.qualified(schema, name);
        assertThat(q).isEqualTo(Sql.ident(schema) + "." + Sql.ident(name));
        assertThat(unquote(q.substring(0, Sql.ident(schema).length()))).isEqualTo(schema);
    }

    @Test
    void rejectsNul() {
        assertThatThrownBy(() -> Sql.ident("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }
}
