package org.pgmigrate.engine.internal.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Orders pre-data objects so that each comes after what it depends on (from pg_depend),
 * breaking ties by kind (schemas first, views last) and then by name, so the order is stable.
 * Dependency loops are found here and broken by {@link DependencyRepair}.
 *
 * <p>pg_depend names sub-objects (a column default, a view's rewrite rule, a table's row type);
 * each is resolved to the object that creates it through its internal or automatic dependency.
 */
final class DependencyOrder {
    private static final List<String> KIND_ORDER = List.of("schema", "extension", "collation", "shell type", "enum type", "range type",
            "composite type", "domain", "function", "procedure", "aggregate", "base type", "operator", "access method",
            "operator family", "operator class", "cast", "procedural language", "transform", "conversion", "text search parser",
            "text search template", "text search dictionary",
            "text search configuration", "sequence", "table", "partitioned table", "view", "materialized view");

    /** One row of pg_depend: {@code object} depends on {@code referenced} with {@code type}. */
    record Edge(ObjectRef object, ObjectRef referenced, char type) {}

    private DependencyOrder() {}

    /**
     * Breaks the loops between types and the functions they are made of, as pg_dump does: a
     * function that a type of {@code objects} depends on and that depends on the type (a base
     * type's input function, which returns it) depends on the type's shell instead, when
     * {@code objects} has one.
     */
    static List<Edge> throughShells(List<Edge> edges, Collection<SchemaObject> objects) {
        Set<ObjectRef> shelled = objects.stream().map(SchemaObject::ref).filter(ObjectRef::isShell)
                .map(ObjectRef::catalogObject).collect(Collectors.toSet());
        Set<List<ObjectRef>> madeOf = edges.stream()
                .filter(e -> shelled.contains(e.object()) && e.referenced().catalog() == ObjectRef.PG_PROC)
                .map(e -> List.of(e.object(), e.referenced())).collect(Collectors.toSet());
        return edges.stream().map(e -> madeOf.contains(List.of(e.referenced(), e.object()))
                ? new Edge(e.object(), ObjectRef.shellOf(e.referenced().oid()), e.type()) : e).toList();
    }

    /** Kinds whose definitions hold expressions that the target parses again, casts and all. */
    private static final Set<String> CAST_USERS = Set.of("domain", "table", "partitioned table", "view", "materialized view");

    /**
     * Adds to {@code extra} what pg_depend does not say: an expression that converts with a cast (a
     * view's, a domain's check, a column default) names the types in pg_depend, not the cast, yet
     * the target needs the cast to parse it again. So the domains, tables and views that use a type
     * of a cast among {@code objects} depend on that cast, unless the cast needs them.
     */
    static void castsBeforeTheirUsers(List<SchemaObject> objects, List<Edge> edges, Map<ObjectRef, Set<ObjectRef>> extra) {
        Map<ObjectRef, SchemaObject> byRef = byRef(objects);
        Map<ObjectRef, Set<ObjectRef>> dependsOn = dependencies(byRef, edges, extra);
        Map<ObjectRef, List<ObjectRef>> castsByType = new HashMap<>();
        for (ObjectRef ref : byRef.keySet()) {
            if (ref.catalog() == ObjectRef.PG_CAST) {
                // its types, or the tables whose row types they are
                dependsOn.getOrDefault(ref, Set.of()).stream().filter(d -> d.catalog() == ObjectRef.PG_TYPE || d.catalog() == ObjectRef.PG_CLASS)
                        .forEach(type -> castsByType.computeIfAbsent(type, k -> new ArrayList<>()).add(ref));
            }
        }
        Map<ObjectRef, Set<ObjectRef>> castNeeds = new HashMap<>();
        for (SchemaObject o : byRef.values()) {
            if (!CAST_USERS.contains(o.kind())) {
                continue;
            }
            for (ObjectRef used : dependsOn.getOrDefault(o.ref(), Set.of())) {
                for (ObjectRef cast : castsByType.getOrDefault(used, List.of())) {
                    if (!castNeeds.computeIfAbsent(cast, c -> reachable(c, dependsOn)).contains(o.ref())) {
                        extra.computeIfAbsent(o.ref(), k -> new HashSet<>()).add(cast);
                    }
                }
            }
        }
    }

    /** Everything {@code from} needs, directly or not. */
    private static Set<ObjectRef> reachable(ObjectRef from, Map<ObjectRef, Set<ObjectRef>> dependsOn) {
        Set<ObjectRef> seen = new HashSet<>();
        List<ObjectRef> next = new ArrayList<>(List.of(from));
        while (!next.isEmpty()) {
            for (ObjectRef d : dependsOn.getOrDefault(next.remove(next.size() - 1), Set.of())) {
                if (seen.add(d)) {
                    next.add(d);
                }
            }
        }
        return seen;
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
        Map<ObjectRef, Set<ObjectRef>> dependsOn = new HashMap<>();
        dependenciesThrough(byRef, edges, extra, Set.of()).forEach((from, to) -> dependsOn.put(from, new HashSet<>(to.keySet())));
        return dependsOn;
    }

    /**
     * What each of {@code byRef} depends on among them, as {@link #dependencies}, each with what
     * needs it: those of {@code parts} (sub-objects that can be created on their own, see
     * {@link Separable}) that need it, or the object itself when its own definition does.
     */
    static Map<ObjectRef, Map<ObjectRef, Set<ObjectRef>>> dependenciesThrough(Map<ObjectRef, SchemaObject> byRef, List<Edge> edges,
                                                                            Map<ObjectRef, Set<ObjectRef>> extra, Set<ObjectRef> parts) {
        Map<ObjectRef, ObjectRef> memberOf = memberships(byRef, edges);
        Map<ObjectRef, Map<ObjectRef, Set<ObjectRef>>> dependsOn = new HashMap<>();
        for (Edge e : edges) {
            if (byRef.containsKey(e.object()) && e.type() != 'n' || e.type() == 'P' || e.type() == 'I') {
                // a plan object's own membership edges (owned sequences, partitions) are handled explicitly;
                // a partition's clone of its parent's index or constraint is created by the parent's
                continue;
            }
            ObjectRef from = resolve(e.object(), byRef, memberOf);
            ObjectRef to = resolve(e.referenced(), byRef, memberOf);
            if (from != null && to != null && !from.equals(to)) {
                ObjectRef through = parts.contains(e.object()) ? e.object() : from;
                dependsOn.computeIfAbsent(from, k -> new HashMap<>()).computeIfAbsent(to, k -> new HashSet<>()).add(through);
            }
        }
        extra.forEach((from, tos) -> tos.stream().filter(byRef::containsKey).filter(to -> !to.equals(from)).forEach(to ->
                dependsOn.computeIfAbsent(from, k -> new HashMap<>()).computeIfAbsent(to, k -> new HashSet<>()).add(from)));
        return dependsOn;
    }

    /**
     * Sub-objects and extension members to the object they belong to, from pg_depend. Where a
     * sub-object has several owners, the closest wins: the extension it is a member of, then what
     * it is an internal part of (a foreign key's clone on a partition: the foreign key it was cloned
     * from), then what it is dropped with (a constraint: its table). The constraint of a key or an
     * exclusion belongs to its index, which is what creates it.
     */
    static Map<ObjectRef, ObjectRef> memberships(Map<ObjectRef, SchemaObject> byRef, List<Edge> edges) {
        Map<ObjectRef, ObjectRef> memberOf = new HashMap<>();
        Map<ObjectRef, Integer> closeness = new HashMap<>();
        for (Edge e : edges) {
            if (e.type() == 'i' && byRef.containsKey(e.object()) && e.object().catalog() == ObjectRef.PG_CLASS
                    && e.referenced().catalog() == ObjectRef.PG_CONSTRAINT && !byRef.containsKey(e.referenced())) {
                memberOf.put(e.referenced(), e.object());
                closeness.put(e.referenced(), -1);
                continue;
            }
            int close = MEMBERSHIP_TYPES.indexOf(e.type());
            if (close >= 0 && !byRef.containsKey(e.object()) && close < closeness.getOrDefault(e.object(), Integer.MAX_VALUE)) {
                memberOf.put(e.object(), e.referenced());
                closeness.put(e.object(), close);
            }
        }
        return memberOf;
    }

    /** pg_depend's types that make a sub-object part of another object, closest first ('P' from 12, 'I' in 11: partition clones). */
    private static final String MEMBERSHIP_TYPES = "eiPIa";

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

    /** Sorts {@code objects}; a dependency loop makes it fail, naming the objects of the loop. */
    static List<SchemaObject> sort(List<SchemaObject> objects, List<Edge> edges, Map<ObjectRef, Set<ObjectRef>> extra) {
        Map<ObjectRef, SchemaObject> byRef = byRef(objects);
        Map<ObjectRef, Set<ObjectRef>> dependsOn = dependencies(byRef, edges, extra);
        Sorted sorted = kahn(byRef, dependsOn);
        if (!sorted.left().isEmpty()) {
            throw DependencyRepair.unbreakable(loop(sorted.left(), byRef, dependsOn).stream().map(byRef::get).toList(), Map.of());
        }
        return sorted.objects();
    }

    /**
     * The objects in an order where each comes after what it depends on, as far as that goes.
     *
     * @param objects the objects sorted
     * @param left the objects that could not be sorted: each is in a dependency loop or depends on one
     */
    record Sorted(List<SchemaObject> objects, Set<ObjectRef> left) {}

    /** Orders {@code byRef} by {@code dependsOn} (dependencies outside {@code byRef} are ignored), ties by kind and name. */
    static Sorted kahn(Map<ObjectRef, SchemaObject> byRef, Map<ObjectRef, Set<ObjectRef>> dependsOn) {
        Map<ObjectRef, Integer> waiting = new HashMap<>();
        Map<ObjectRef, List<ObjectRef>> dependents = new HashMap<>();
        for (ObjectRef ref : byRef.keySet()) {
            Set<ObjectRef> deps = dependsOn.getOrDefault(ref, Set.of()).stream().filter(byRef::containsKey).collect(Collectors.toSet());
            waiting.put(ref, deps.size());
            deps.forEach(d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(ref));
        }
        PriorityQueue<SchemaObject> ready = new PriorityQueue<>(ORDER);
        byRef.values().stream().filter(o -> waiting.get(o.ref()) == 0).forEach(ready::add);
        List<SchemaObject> sorted = new ArrayList<>(byRef.size());
        for (SchemaObject next = ready.poll(); next != null; next = ready.poll()) {
            sorted.add(next);
            for (ObjectRef dependent : dependents.getOrDefault(next.ref(), List.of())) {
                if (waiting.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(byRef.get(dependent));
                }
            }
        }
        Set<ObjectRef> left = new LinkedHashSet<>(byRef.keySet());
        sorted.forEach(o -> left.remove(o.ref()));
        return new Sorted(sorted, left);
    }

    /**
     * A shortest dependency loop among {@code left} (what {@link #kahn} could not sort), from the
     * first of them in the sort's order that is in one: each object depends on the next, the last
     * on the first.
     */
    static List<ObjectRef> loop(Set<ObjectRef> left, Map<ObjectRef, SchemaObject> byRef, Map<ObjectRef, Set<ObjectRef>> dependsOn) {
        List<ObjectRef> starts = left.stream().sorted(Comparator.comparing(byRef::get, ORDER)).toList();
        for (ObjectRef start : starts) {
            Map<ObjectRef, ObjectRef> reachedFrom = new HashMap<>();
            List<ObjectRef> frontier = new ArrayList<>(List.of(start));
            while (!frontier.isEmpty()) {
                List<ObjectRef> next = new ArrayList<>();
                for (ObjectRef at : frontier) {
                    List<ObjectRef> deps = dependsOn.getOrDefault(at, Set.of()).stream().filter(left::contains)
                            .sorted(Comparator.comparing(byRef::get, ORDER)).toList();
                    for (ObjectRef d : deps) {
                        if (d.equals(start)) {
                            List<ObjectRef> loop = new ArrayList<>();
                            for (ObjectRef o = at; o != null; o = reachedFrom.get(o)) {
                                loop.add(0, o);
                            }
                            return loop;
                        }
                        if (!reachedFrom.containsKey(d)) {
                            reachedFrom.put(d, at);
                            next.add(d);
                        }
                    }
                }
                frontier = next;
            }
        }
        throw new IllegalStateException("No dependency loop among objects that could not be sorted: " + left);
    }

    /** Ties in the order: by kind (schemas first, views last), then by name, so the order is stable. */
    static final Comparator<SchemaObject> ORDER = Comparator.comparingInt((SchemaObject o) -> rank(o.kind())).thenComparing(SchemaObject::name);

    private static int rank(String kind) {
        int i = KIND_ORDER.indexOf(kind);
        return i < 0 ? KIND_ORDER.size() : i;
    }
}
