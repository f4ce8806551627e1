package org.pgmigrate.engine.internal.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Orders pre-data objects so that each comes after what it depends on (from pg_depend),
 * breaking ties by kind (schemas first, views last) and then by name, so the order is stable.
 *
 * <p>pg_depend names sub-objects (a column default, a view's rewrite rule, a table's row type);
 * each is resolved to the object that creates it through its internal or automatic dependency.
 */
final class DependencyOrder {
    private static final List<String> KIND_ORDER = List.of("schema", "extension", "collation", "enum type", "range type",
            "composite type", "domain", "function", "procedure", "aggregate", "operator", "cast", "procedural language",
            "transform", "conversion", "text search parser", "text search template", "text search dictionary",
            "text search configuration", "sequence", "table", "partitioned table", "view", "materialized view");

    /** One row of pg_depend: {@code object} depends on {@code referenced} with {@code type}. */
    record Edge(ObjectRef object, ObjectRef referenced, char type) {}

    private DependencyOrder() {}

    static List<SchemaObject> sort(List<SchemaObject> objects, List<Edge> edges, Map<ObjectRef, Set<ObjectRef>> extra) {
        Map<ObjectRef, SchemaObject> byRef = byRef(objects);
        return kahn(byRef, dependencies(byRef, edges, extra));
    }

    /** The objects by catalog identity; where two share one (a table and its settings), the first. */
    static Map<ObjectRef, SchemaObject> byRef(List<SchemaObject> objects) {
        Map<ObjectRef, SchemaObject> byRef = new LinkedHashMap<>();
        objects.forEach(o -> byRef.putIfAbsent(o.ref(), o));
        return byRef;
    }

    /**
     * What each of {@code byRef} depends on among them, with pg_depend's sub-objects resolved to
     * the objects that create them and {@code extra} dependencies added.
     */
    static Map<ObjectRef, Set<ObjectRef>> dependencies(Map<ObjectRef, SchemaObject> byRef, List<Edge> edges,
                                                       Map<ObjectRef, Set<ObjectRef>> extra) {
        Map<ObjectRef, ObjectRef> memberOf = memberships(byRef, edges);
        Map<ObjectRef, Set<ObjectRef>> dependsOn = new HashMap<>();
        for (Edge e : edges) {
            if (byRef.containsKey(e.object()) && e.type() != 'n') {
                continue; // a plan object's own membership edges (owned sequences, partitions) are handled explicitly
            }
            ObjectRef from = resolve(e.object(), byRef, memberOf);
            ObjectRef to = resolve(e.referenced(), byRef, memberOf);
            if (from != null && to != null && !from.equals(to)) {
                dependsOn.computeIfAbsent(from, k -> new HashSet<>()).add(to);
            }
        }
        extra.forEach((from, tos) -> tos.stream().filter(byRef::containsKey)
                .forEach(to -> dependsOn.computeIfAbsent(from, k -> new HashSet<>()).add(to)));
        return dependsOn;
    }

    /** Sub-objects and extension members to the object they belong to, from pg_depend. */
    static Map<ObjectRef, ObjectRef> memberships(Map<ObjectRef, SchemaObject> byRef, List<Edge> edges) {
        Map<ObjectRef, ObjectRef> memberOf = new HashMap<>();
        for (Edge e : edges) {
            if ((e.type() == 'i' || e.type() == 'a' || e.type() == 'e') && !byRef.containsKey(e.object())) {
                memberOf.putIfAbsent(e.object(), e.referenced());
            }
        }
        return memberOf;
    }

    /** The object of {@code byRef} that creates {@code ref} (itself when it is one), or null. */
    static ObjectRef resolve(ObjectRef ref, Map<ObjectRef, SchemaObject> byRef, Map<ObjectRef, ObjectRef> memberOf) {
        ObjectRef current = ref;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (byRef.containsKey(current)) {
                return current;
            }
            current = memberOf.get(current);
        }
        return null;
    }

    private static List<SchemaObject> kahn(Map<ObjectRef, SchemaObject> byRef, Map<ObjectRef, Set<ObjectRef>> dependsOn) {
        Map<ObjectRef, Integer> waiting = new HashMap<>();
        Map<ObjectRef, List<ObjectRef>> dependents = new HashMap<>();
        for (ObjectRef ref : byRef.keySet()) {
            Set<ObjectRef> deps = dependsOn.getOrDefault(ref, Set.of());
            waiting.put(ref, deps.size());
            deps.forEach(d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(ref));
        }
        Comparator<SchemaObject> order = Comparator.comparingInt((SchemaObject o) -> rank(o.kind())).thenComparing(SchemaObject::name);
        PriorityQueue<SchemaObject> ready = new PriorityQueue<>(order);
        byRef.values().stream().filter(o -> waiting.get(o.ref()) == 0).forEach(ready::add);
        List<SchemaObject> sorted = new ArrayList<>(byRef.size());
        Set<ObjectRef> done = new HashSet<>();
        while (sorted.size() < byRef.size()) {
            SchemaObject next = ready.poll();
            if (next == null) {
                // a dependency cycle: release the object that would come first anyway and go on
                next = byRef.values().stream().filter(o -> !done.contains(o.ref())).min(order).orElseThrow();
            }
            if (!done.add(next.ref())) {
                continue;
            }
            sorted.add(next);
            for (ObjectRef dependent : dependents.getOrDefault(next.ref(), List.of())) {
                int left = waiting.merge(dependent, -1, Integer::sum);
                if (left == 0 && !done.contains(dependent)) {
                    ready.add(byRef.get(dependent));
                }
            }
        }
        return sorted;
    }

    private static int rank(String kind) {
        int i = KIND_ORDER.indexOf(kind);
        return i < 0 ? KIND_ORDER.size() : i;
    }
}
