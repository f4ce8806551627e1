package org.pgmigrate.testkit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Compares a target snapshot with a source snapshot, key by key and property by property. */
final class SnapshotComparison {
    private final Set<DatabaseObjectKind> ignoredKinds;
    private final Set<String> ignoredProperties;

    SnapshotComparison(Set<DatabaseObjectKind> ignoredKinds, Set<String> ignoredProperties) {
        this.ignoredKinds = Set.copyOf(ignoredKinds);
        this.ignoredProperties = Set.copyOf(ignoredProperties);
    }

    List<Difference> differences(CatalogSnapshot source, CatalogSnapshot target) {
        Set<String> keys = new TreeSet<>(source.entries().keySet());
        keys.addAll(target.entries().keySet());
        List<Difference> differences = new ArrayList<>();
        for (String key : keys) {
            CatalogEntry expected = source.entries().get(key);
            CatalogEntry actual = target.entries().get(key);
            DatabaseObjectKind kind = (expected != null ? expected : actual).kind();
            if (ignoredKinds.contains(kind)) {
                continue;
            }
            if (actual == null) {
                differences.add(new Difference(Difference.Kind.MISSING_ON_TARGET, key, List.of()));
            } else if (expected == null) {
                differences.add(new Difference(Difference.Kind.UNEXPECTED_ON_TARGET, key, List.of()));
            } else {
                List<Difference.PropertyDifference> changed = changedProperties(expected.properties(), actual.properties());
                if (kind == DatabaseObjectKind.DATA && !changed.isEmpty() && changed.stream().noneMatch(p -> p.name().equals("rows"))) {
                    // Equal counts but different digests: the report still shows the counts.
                    changed.add(0, new Difference.PropertyDifference("rows",
                            expected.properties().get("rows"), actual.properties().get("rows")));
                }
                if (!changed.isEmpty()) {
                    differences.add(new Difference(Difference.Kind.DIFFERENT, key, changed));
                }
            }
        }
        return differences;
    }

    private List<Difference.PropertyDifference> changedProperties(Map<String, String> source, Map<String, String> target) {
        Set<String> names = new LinkedHashSet<>(source.keySet());
        names.addAll(target.keySet());
        List<Difference.PropertyDifference> changed = new ArrayList<>();
        for (String name : names) {
            if (!ignoredProperties.contains(name) && !Objects.equals(source.get(name), target.get(name))) {
                changed.add(new Difference.PropertyDifference(name, source.get(name), target.get(name)));
            }
        }
        return changed;
    }
}
