package org.pgmigrate.engine.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pgmigrate.engine.internal.verify.Fact.Kind;
import org.pgmigrate.engine.internal.verify.Fact.Property;

class FactPropertiesTest {
    private final FactProperties.Names names = new FactProperties.Names(List.of("relname", "relowner", "relkind"));

    @Test
    void aFactsPropertiesAreItsValuesByTheCatalogsNamesInOrder() {
        Map<Property, Property> seen = new HashMap<>();
        Map<String, Property> properties = FactProperties.of(names, new Property[] {
            FactProperties.read("t", Kind.TEXT, seen), FactProperties.read("alice", Kind.ROLE, seen), FactProperties.read(null, Kind.TEXT, seen)});

        assertThat(properties.get("relowner")).isEqualTo(new Property("alice", Kind.ROLE));
        assertThat(properties.get("relkind")).isEqualTo(new Property(null, Kind.TEXT));
        assertThat(properties.get("relacl")).isNull();
        assertThat(properties.containsKey("relkind")).isTrue();
        assertThat(properties.containsKey("relacl")).isFalse();
        assertThat(properties.keySet()).containsExactly("relname", "relowner", "relkind");
        assertThat(properties.entrySet()).extracting(Map.Entry::getKey).containsExactly("relname", "relowner", "relkind");
        Map<String, Property> same = new LinkedHashMap<>();
        same.put("relname", new Property("t", Kind.TEXT));
        same.put("relowner", new Property("alice", Kind.ROLE));
        same.put("relkind", new Property(null, Kind.TEXT));
        assertThat(properties).isEqualTo(same).hasSameHashCodeAs(same);
        same.put("relkind", new Property("r", Kind.TEXT));
        assertThat(properties).isNotEqualTo(same);
    }

    @Test
    void equalShortValuesAreOneInstanceAndLongOnesAreNotRemembered() {
        Map<Property, Property> seen = new HashMap<>();
        Property first = FactProperties.read(new String("f"), Kind.TEXT, seen);
        Property second = FactProperties.read(new String("f"), Kind.TEXT, seen);
        Property asRole = FactProperties.read("f", Kind.ROLE, seen);
        String definition = "CHECK ((amount > (0)::numeric) AND (amount < (1000000)::numeric))";
        Property longValue = FactProperties.read(definition, Kind.TEXT, seen);

        assertThat(second).isSameAs(first);
        assertThat(asRole).isNotSameAs(first).isEqualTo(new Property("f", Kind.ROLE));
        assertThat(longValue).isEqualTo(new Property(definition, Kind.TEXT));
        assertThat(seen).hasSize(2);
    }

    @Test
    void valuesMustMatchTheNames() {
        assertThatThrownBy(() -> FactProperties.of(names, new Property[2])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 values for 3 names");
    }
}
