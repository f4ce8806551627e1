package org.pgmigrate.engine.internal.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.pgmigrate.VerificationDifference;
import org.pgmigrate.VerificationDifference.Kind;
import org.pgmigrate.engine.internal.verify.Fact.Property;

/**
 * Compares the catalog facts of a source and a target. A source fact is not compared when a
 * filter left its object out, or when it belongs to a role missing on the target (that is a
 * warning of the migration already); role names are mapped as the migration mapped them. Each
 * object with a difference is reported once, with all that differs about it.
 */
final class FactComparison {
    private static final int SHOWN = 120;

    private final Scope scope;

    /** What the comparison leaves out and how it maps roles. */
    interface Scope {
        /** Whether a filter left out the source fact. */
        boolean excludes(Fact fact);

        /** The target's role for a source role, or null when it is missing there. */
        String role(String sourceRole);

        /** The target's tablespace for a source tablespace, or null for the target database's default. */
        default String tablespace(String sourceTablespace) {
            return sourceTablespace;
        }
    }

    FactComparison(Scope scope) {
        this.scope = scope;
    }

    List<VerificationDifference> compare(CatalogFacts source, CatalogFacts target) {
        // per catalog, the properties both sides' majors have
        Map<String, Set<String>> commonColumns = new HashMap<>();
        MajorDifferences majors = new MajorDifferences(source, target);
        // a catalog one side does not have, or may not read, is compared on neither
        Set<String> catalogs = new TreeSet<>(source.columns().keySet());
        catalogs.retainAll(target.columns().keySet());
        Map<String, Fact> expected = new LinkedHashMap<>();
        Set<String> notExpected = new TreeSet<>();
        for (Fact fact : source.facts().values()) {
            if (catalogs.contains(catalog(fact)) && majors.compares(fact)) {
                if (scope.excludes(fact) || (fact.role() != null && scope.role(fact.role()) == null)) {
                    notExpected.add(majors.key(fact));
                } else {
                    expected.put(majors.key(fact), fact);
                }
            }
        }
        Map<String, Fact> actual = new LinkedHashMap<>();
        for (Fact fact : target.facts().values()) {
            if (catalogs.contains(catalog(fact)) && majors.compares(fact)) {
                actual.put(majors.key(fact), fact);
            }
        }
        Map<String, List<String>> byObject = new TreeMap<>();
        expected.forEach((key, s) -> {
            Fact t = actual.get(key);
            String difference = t == null ? "missing on the target" : differingProperties(s, t, source, target, majors, commonColumns);
            if (difference != null) {
                byObject.computeIfAbsent(s.object(), k -> new ArrayList<>()).add(prefix(s) + difference);
            }
        });
        actual.forEach((key, t) -> {
            if (!expected.containsKey(key) && !notExpected.contains(key) && !majors.madeByTarget(t, source.major())) {
                byObject.computeIfAbsent(t.object(), k -> new ArrayList<>()).add(prefix(t) + "exists on the target only");
            }
        });
        List<VerificationDifference> differences = new ArrayList<>();
        byObject.forEach((object, details) -> differences.add(VerificationDifference.of(Kind.SCHEMA, object, String.join("; ", details))));
        return differences;
    }

    /** What differs between two facts of one object, or null when nothing does; only properties both majors have count. */
    private String differingProperties(Fact s, Fact t, CatalogFacts source, CatalogFacts target, MajorDifferences majors,
                                       Map<String, Set<String>> commonColumns) {
        String catalog = catalog(s);
        Set<String> common = commonColumns.computeIfAbsent(catalog, c -> {
            Set<String> both = new TreeSet<>(source.columns().get(c));
            both.retainAll(target.columns().get(c));
            return both;
        });
        List<String> differing = new ArrayList<>();
        for (String name : s.properties().keySet()) {
            if (!common.contains(name)) {
                continue;
            }
            Property sp = s.properties().get(name);
            String expectedValue;
            if (sp.kind() == Fact.Kind.TABLESPACE) {
                expectedValue = sp.value() == null ? null : scope.tablespace(sp.value());
            } else {
                expectedValue = mapRoles(sp);
                if (expectedValue == null && sp.value() != null) {
                    continue; // names only roles missing on the target
                }
            }
            String sourceValue = majors.normalize(catalog, name, expectedValue, s);
            String targetValue = majors.normalize(catalog, name, t.properties().get(name).value(), t);
            if (!Objects.equals(sourceValue, targetValue)) {
                differing.add(s.secret() ? name + " differs (not shown: it may hold a password)"
                        : name + " is " + shown(sourceValue, targetValue) + " on the source, " + shown(targetValue, sourceValue) + " on the target");
            }
        }
        return differing.isEmpty() ? null : String.join(", ", differing);
    }

    private static String catalog(Fact fact) {
        return fact.key().substring(0, fact.key().indexOf(':'));
    }

    private static String prefix(Fact fact) {
        return fact.label() == null ? "" : fact.label() + ": ";
    }

    /** The source value with its roles renamed for the target; null when it named only roles missing there. */
    private String mapRoles(Property property) {
        String value = property.value();
        if (value == null) {
            return null;
        }
        switch (property.kind()) {
            case ROLE:
                return scope.role(value);
            case ROLES:
                return mapEach(value, r -> r.equals("PUBLIC") ? r : scope.role(r), false);
            case ACL:
                return value.isEmpty() ? value : mapEach(value, this::mapAclItem, true);
            default:
                return value;
        }
    }

    private static String mapEach(String items, UnaryOperator<String> map, boolean sort) {
        List<String> mapped = Arrays.stream(items.split(FactQuery.ITEM, -1)).map(map).filter(Objects::nonNull).collect(Collectors.toList());
        if (sort) {
            mapped.sort(null);
        }
        return mapped.isEmpty() ? null : String.join(FactQuery.ITEM, mapped);
    }

    /** An ACL item with grantee and grantor renamed, or null when either is missing on the target. */
    private String mapAclItem(String item) {
        String[] fields = item.split(FactQuery.FIELD, -1);
        String grantee = fields[0].isEmpty() ? "" : scope.role(fields[0]);
        String grantor = scope.role(fields[3]);
        if (grantee == null || grantor == null) {
            return null;
        }
        return String.join(FactQuery.FIELD, grantee, fields[1], fields[2], grantor);
    }

    /** A value for a message: readable separators, and around its first difference from {@code other} when long. */
    static String shown(String value, String other) {
        if (value == null) {
            return "NULL";
        }
        String readable = value.replace(FactQuery.ITEM, ", ").replace(FactQuery.FIELD, " ");
        if (readable.length() <= SHOWN) {
            return "'" + readable + "'";
        }
        String otherReadable = other == null ? "" : other.replace(FactQuery.ITEM, ", ").replace(FactQuery.FIELD, " ");
        int at = 0;
        while (at < readable.length() && at < otherReadable.length() && readable.charAt(at) == otherReadable.charAt(at)) {
            at++;
        }
        int from = Math.max(0, at - SHOWN / 3);
        int to = Math.min(readable.length(), from + SHOWN);
        return (from > 0 ? "'..." : "'") + readable.substring(from, to) + (to < readable.length() ? "...'" : "'");
    }
}
