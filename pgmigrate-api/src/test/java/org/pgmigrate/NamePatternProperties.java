package org.pgmigrate;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class NamePatternProperties {
    @Provide
    Arbitrary<String> names() {
        // any characters a PostgreSQL name may hold: quotes, dots, wildcards, spaces, newlines, non-ASCII
        return Arbitraries.strings().withChars("aAzZ_1.\"*? \n\u00e9\u4e2d").ofMinLength(1).ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> plainNames() {
        return Arbitraries.strings().withChars("abcxyz_019").ofMinLength(1).ofMaxLength(10)
                .filter(s -> !Character.isDigit(s.charAt(0)));
    }

    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    @Property
    void aQuotedNameMatchesExactlyItself(@ForAll("names") String name, @ForAll("names") String other) {
        NamePattern pattern = NamePattern.parse(quoted(name), 1, "schema");
        assertThat(pattern.matches(name)).isTrue();
        assertThat(pattern.matches(other)).isEqualTo(other.equals(name));
    }

    @Property
    void aQuotedSchemaAndTableMatchExactlyThemselves(@ForAll("names") String schema, @ForAll("names") String table,
                                                      @ForAll("names") String otherSchema) {
        NamePattern pattern = NamePattern.parse(quoted(schema) + "." + quoted(table), 2, "table");
        assertThat(pattern.matches(schema, table)).isTrue();
        assertThat(pattern.matches(otherSchema, table)).isEqualTo(otherSchema.equals(schema));
        assertThat(pattern.matches(schema, table + "x")).isFalse();
    }

    @Property
    void unquotedLettersFoldToLowerCase(@ForAll("plainNames") String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        assertThat(NamePattern.parse(upper, 1, "schema").matches(name)).isTrue();
        Assume.that(!upper.equals(name));
        assertThat(NamePattern.parse(upper, 1, "schema").matches(upper)).isFalse();
        assertThat(NamePattern.parse(quoted(upper), 1, "schema").matches(name)).isFalse();
    }

    @Property
    void aStarMatchesAnyRunOfCharacters(@ForAll("plainNames") String prefix, @ForAll("names") String rest) {
        NamePattern pattern = NamePattern.parse(prefix + "*", 1, "schema");
        assertThat(pattern.matches(prefix + rest)).isTrue();
        assertThat(pattern.matches(prefix)).isTrue();
        assertThat(pattern.matches("#" + prefix)).isFalse();
    }

    @Property
    void aQuestionMarkMatchesOneCharacter(@ForAll("names") String name) {
        assertThat(NamePattern.parse("?", 1, "schema").matches(name)).isEqualTo(name.length() == 1);
    }

    @Property
    void wildcardsInsideQuotesAreLiteral(@ForAll("plainNames") String name) {
        NamePattern pattern = NamePattern.parse("\"" + name + "*\"", 1, "schema");
        assertThat(pattern.matches(name + "*")).isTrue();
        assertThat(pattern.matches(name + "x")).isFalse();
    }

    @Property
    void aOnePartTablePatternMatchesInAnySchema(@ForAll("names") String schema, @ForAll("plainNames") String table) {
        assertThat(NamePattern.parse(table, 2, "table").matches(schema, table)).isTrue();
        assertThat(NamePattern.parse("public." + table, 2, "table").matches(schema, table)).isEqualTo(schema.equals("public"));
    }
}
