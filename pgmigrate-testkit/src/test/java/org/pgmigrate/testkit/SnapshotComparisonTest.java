package org.pgmigrate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SnapshotComparisonTest {
    private final SnapshotComparison strict = new SnapshotComparison(Set.of(), Set.of());

    @Property
    void aSnapshotEqualsItself(@ForAll @Size(max = 8) Map<@AlphaChars String, @AlphaChars String> properties,
                               @ForAll @Size(max = 8) List<@AlphaChars String> names) {
        Map<String, CatalogEntry> entries = new LinkedHashMap<>();
        for (String name : names) {
            CatalogEntry entry = new CatalogEntry(DatabaseObjectKind.TABLE, name, properties);
            entries.put(entry.key(), entry);
        }

        assertThat(strict.differences(new CatalogSnapshot(17, entries), new CatalogSnapshot(11, entries))).isEmpty();
    }

    @Property
    void aChangedPropertyIsReportedWithBothValues(@ForAll @AlphaChars String before, @ForAll @AlphaChars String after) {
        List<Difference> differences = strict.differences(
                snapshot(new CatalogEntry(DatabaseObjectKind.INDEX, "s.i", Map.of("definition", before))),
                snapshot(new CatalogEntry(DatabaseObjectKind.INDEX, "s.i", Map.of("definition", after))));

        if (before.equals(after)) {
            assertThat(differences).isEmpty();
        } else {
            assertThat(differences).containsExactly(new Difference(Difference.Kind.DIFFERENT, "index s.i",
                    List.of(new Difference.PropertyDifference("definition", before, after))));
        }
    }

    @Test
    void reportsMissingAndUnexpectedObjectsAndAbsentProperties() {
        List<Difference> differences = strict.differences(
                snapshot(table("s.a", Map.of()), table("s.b", Map.of("comment", "x"))),
                snapshot(table("s.b", Map.of()), table("s.c", Map.of())));

        assertThat(differences).containsExactly(
                new Difference(Difference.Kind.MISSING_ON_TARGET, "table s.a", List.of()),
                new Difference(Difference.Kind.DIFFERENT, "table s.b", List.of(new Difference.PropertyDifference("comment", "x", null))),
                new Difference(Difference.Kind.UNEXPECTED_ON_TARGET, "table s.c", List.of()));
    }

    @Test
    void leavesOutIgnoredKindsAndProperties() {
        SnapshotComparison relaxed = new SnapshotComparison(Set.of(DatabaseObjectKind.INDEX), Set.of("owner"));

        List<Difference> differences = relaxed.differences(
                snapshot(table("s.a", Map.of("owner", "x", "kind", "ordinary")), new CatalogEntry(DatabaseObjectKind.INDEX, "s.i", Map.of())),
                snapshot(table("s.a", Map.of("owner", "y", "kind", "ordinary"))));

        assertThat(differences).isEmpty();
    }

    @Test
    void showsRowCountsForDataThatDiffersOnlyInContent() {
        List<Difference> differences = strict.differences(
                snapshot(new CatalogEntry(DatabaseObjectKind.DATA, "s.t", Map.of("rows", "3", "digest", "a"))),
                snapshot(new CatalogEntry(DatabaseObjectKind.DATA, "s.t", Map.of("rows", "3", "digest", "b"))));

        assertThat(DifferenceReport.render("target", "source", differences, 50))
                .contains("different data:       data s.t: source 3 rows, target 3 rows, same count but different content");
    }

    private static CatalogEntry table(String name, Map<String, String> properties) {
        return new CatalogEntry(DatabaseObjectKind.TABLE, name, properties);
    }

    private static CatalogSnapshot snapshot(CatalogEntry... entries) {
        Map<String, CatalogEntry> map = new LinkedHashMap<>();
        for (CatalogEntry e : entries) {
            map.put(e.key(), e);
        }
        return new CatalogSnapshot(17, map);
    }
}
