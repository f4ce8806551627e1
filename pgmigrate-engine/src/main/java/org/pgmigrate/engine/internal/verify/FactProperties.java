package org.pgmigrate.engine.internal.verify;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.pgmigrate.engine.internal.verify.Fact.Property;

/**
 * The properties of one fact, by name, in the order its catalog's query reads them. Every fact of
 * a catalog has the same names: they are held once, by {@link Names}, and a fact holds only its
 * values. A database of 10,000 tables has millions of properties a side, most of them one of a
 * few values ("t", "f", "0"): {@link #read} shares equal short ones.
 */
final class FactProperties extends AbstractMap<String, Property> {
    private final Names names;
    private final Property[] values;

    private FactProperties(Names names, Property[] values) {
        this.names = names;
        this.values = values;
    }

    /** The property names of one catalog's facts on one server. */
    static final class Names {
        private final Set<String> keys;
        private final Map<String, Integer> positions = new HashMap<>();

        Names(List<String> names) {
            this.keys = Collections.unmodifiableSet(new LinkedHashSet<>(names));
            for (int i = 0; i < names.size(); i++) {
                positions.put(names.get(i), i);
            }
        }

        int size() {
            return positions.size();
        }
    }

    /** A fact's properties, {@code values} in the order of {@code names}. */
    static FactProperties of(Names names, Property[] values) {
        if (values.length != names.size()) {
            throw new IllegalArgumentException(values.length + " values for " + names.size() + " names");
        }
        return new FactProperties(names, values);
    }

    /** Values longer than this are names and definitions, seldom repeated: not worth remembering. */
    private static final int SHARED_LENGTH = 32;

    /** A value for the properties being read, the same instance as an equal short one read before. */
    static Property read(String value, Fact.Kind kind, Map<Property, Property> seen) {
        Property property = new Property(value, kind);
        if (value != null && value.length() > SHARED_LENGTH) {
            return property;
        }
        Property earlier = seen.putIfAbsent(property, property);
        return earlier == null ? property : earlier;
    }

    @Override
    public Property get(Object name) {
        Integer i = names.positions.get(name);
        return i == null ? null : values[i];
    }

    @Override
    public boolean containsKey(Object name) {
        return names.positions.containsKey(name);
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Set<String> keySet() {
        return names.keys;
    }

    @Override
    public Set<Entry<String, Property>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Property>> iterator() {
                Iterator<String> keys = names.keys.iterator();
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Property> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        return new SimpleImmutableEntry<>(keys.next(), values[next++]);
                    }
                };
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }
}
