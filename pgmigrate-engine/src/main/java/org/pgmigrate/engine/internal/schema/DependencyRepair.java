package org.pgmigrate.engine.internal.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;

/**
 * Puts the objects in an order the target can create them in where pg_depend alone gives none,
 * as pg_dump's {@code pg_dump_sort.c} does:
 * <ul>
 * <li>A dependency loop among pre-data objects (a table whose CHECK constraint calls a function
 * that takes the table's row type) is broken by creating a part of one object on its own after
 * the rest of the loop (see {@link Separable}): a view's query first, then a table's CHECK
 * constraint, a column default, a domain's CHECK constraint. A loop that no part breaks fails
 * the migration before anything is created, naming its objects.
 * <li>A pre-data object that needs an object created after the data (a view that groups by a
 * primary key needs the key) waits for it: a view's query is created once every table is loaded
 * (the view itself stays, with a placeholder query, for what depends on it); a materialized view
 * or a function is created then as a whole. Anything else fails, naming both objects. What is
 * built with the data (an index, a trigger) and needs an object moved after all data moves too.
 * </ul>
 */
final class DependencyRepair {
    /** Which parts break a loop first, as pg_dump tries them. */
    private static final List<String> PART_PREFERENCE = List.of("view query", "check constraint", "column default", "domain constraint");
    /** Objects that can be created after the data as a whole, as pg_dump postpones them. */
    private static final Set<String> POSTPONABLE = Set.of("materialized view", "function", "procedure");
    private static final Set<String> TABLES = Set.of("table", "partitioned table", "foreign table");
    /** Where objects go that are created after the pre-data objects and before {@link Placement#AFTER_ALL_DATA}. */
    private static final Set<Placement> BEFORE_AFTER_ALL_DATA = Set.of(Placement.PARTITIONED_PARENT, Placement.TABLE_POST_DATA, Placement.FOREIGN_KEY);

    private final List<SchemaObject> objects;
    private final List<DependencyOrder.Edge> edges;
    private final Map<ObjectRef, Set<ObjectRef>> extra;
    private final Map<ObjectRef, Separable> separable;
    private final Map<ObjectRef, ObjectRef> ownerOfPart = new HashMap<>();
    private final Map<ObjectRef, Set<ObjectRef>> separated = new HashMap<>();
    /** The objects and parts moved after the data. */
    private final Set<ObjectRef> moved = new LinkedHashSet<>();

    /**
     * The objects in their order of creation and what each pre-data object needs before it.
     *
     * @param objects every object: pre-data ones in dependency order, then the others as they were,
     *                those moved after the data first among {@link Placement#AFTER_ALL_DATA}
     * @param preDataNeeds the pre-data objects each pre-data object needs created before it
     */
    record Plan(List<SchemaObject> objects, Map<ObjectRef, Set<ObjectRef>> preDataNeeds) {}

    private DependencyRepair(List<SchemaObject> objects, List<DependencyOrder.Edge> edges, Map<ObjectRef, Set<ObjectRef>> extra,
                             Map<ObjectRef, Separable> separable) {
        this.objects = new ArrayList<>(objects);
        this.edges = edges;
        this.extra = extra;
        this.separable = separable;
        separable.forEach((owner, s) -> s.parts().keySet().forEach(part -> ownerOfPart.put(part, owner)));
    }

    /**
     * @param objects every object read, of every placement
     * @param extra dependencies pg_depend does not hold; those of separated parts are added to it
     * @param separable the objects with parts that can be created on their own, by object
     */
    static Plan plan(List<SchemaObject> objects, List<DependencyOrder.Edge> edges, Map<ObjectRef, Set<ObjectRef>> extra,
                     Map<ObjectRef, Separable> separable) {
        return new DependencyRepair(objects, edges, extra, separable).plan();
    }

    private Plan plan() {
        while (true) {
            Map<ObjectRef, SchemaObject> byRef = DependencyOrder.byRef(objects);
            Map<ObjectRef, Map<ObjectRef, Set<ObjectRef>>> through = DependencyOrder.dependenciesThrough(byRef, edges, extra, ownerOfPart.keySet());
            if (waitForLaterObject(byRef, through)) {
                continue;
            }
            Map<ObjectRef, SchemaObject> preData = inPlacement(byRef, Placement.PRE_DATA);
            Map<ObjectRef, Set<ObjectRef>> needs = within(preData, through);
            DependencyOrder.Sorted sorted = DependencyOrder.kahn(preData, needs);
            if (sorted.left().isEmpty()) {
                return new Plan(assemble(sorted.objects(), byRef, through), needs);
            }
            breakLoop(DependencyOrder.loop(sorted.left(), preData, needs), byRef, through);
        }
    }

    /** Finds an object that needs an object created later and makes it wait; false when there is none. */
    private boolean waitForLaterObject(Map<ObjectRef, SchemaObject> byRef, Map<ObjectRef, Map<ObjectRef, Set<ObjectRef>>> through) {
        for (SchemaObject o : byRef.values()) {
            if (BEFORE_AFTER_ALL_DATA.contains(o.placement()) && through.getOrDefault(o.ref(), Map.of()).keySet().stream().anyMatch(moved::contains)) {
                // built with or right after the data, yet it needs what was moved after all data: it moves too
                replace(o.ref(), new SchemaObject(o.ref(), o.kind(), o.name(), Placement.AFTER_ALL_DATA, o.tableOid(), o.statements()));
                moved.add(o.ref());
                return true;
            }
            if (o.placement() != Placement.PRE_DATA) {
                continue;
            }
            for (Map.Entry<ObjectRef, Set<ObjectRef>> need : through.getOrDefault(o.ref(), Map.of()).entrySet()) {
                SchemaObject later = byRef.get(need.getKey());
                if (later.placement() == Placement.PRE_DATA) {
                    continue;
                }
                if (separates(o.ref(), need.getValue())) {
                    separate(o.ref(), need.getValue(), Placement.AFTER_ALL_DATA);
                } else if (POSTPONABLE.contains(o.kind()) || ownerOfPart.containsKey(o.ref())) {
                    replace(o.ref(), new SchemaObject(o.ref(), o.kind(), o.name(), Placement.AFTER_ALL_DATA, o.tableOid(), o.statements()));
                    moved.add(o.ref());
                } else {
                    throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "The " + describe(o) + " needs the " + describe(later)
                            + ", which is created after the data, and cannot be created after it itself. Nothing was changed on the target;"
                            + " please report this with both definitions.");
                }
                return true;
            }
        }
        return false;
    }

    /** Breaks {@code loop} (each depends on the next, the last on the first) by separating a part, or fails. */
    private void breakLoop(List<ObjectRef> loop, Map<ObjectRef, SchemaObject> byRef, Map<ObjectRef, Map<ObjectRef, Set<ObjectRef>>> through) {
        ObjectRef bestOwner = null;
        Set<ObjectRef> bestParts = null;
        int bestRank = Integer.MAX_VALUE;
        for (int i = 0; i < loop.size(); i++) {
            ObjectRef owner = loop.get(i);
            Set<ObjectRef> parts = through.getOrDefault(owner, Map.of()).getOrDefault(loop.get((i + 1) % loop.size()), Set.of());
            if (!separates(owner, parts)) {
                continue;
            }
            int rank = parts.stream().mapToInt(p -> PART_PREFERENCE.indexOf(separable.get(owner).parts().get(p).kind())).min().orElseThrow();
            if (rank < bestRank) {
                bestOwner = owner;
                bestParts = parts;
                bestRank = rank;
            }
        }
        if (bestOwner == null) {
            Map<ObjectRef, Map<ObjectRef, Set<ObjectRef>>> reasons = new HashMap<>();
            for (int i = 0; i < loop.size(); i++) {
                ObjectRef next = loop.get((i + 1) % loop.size());
                reasons.put(loop.get(i), Map.of(next, through.getOrDefault(loop.get(i), Map.of()).getOrDefault(next, Set.of())));
            }
            throw unbreakable(loop.stream().map(byRef::get).toList(), partNames(reasons));
        }
        separate(bestOwner, bestParts, Placement.PRE_DATA);
    }

    /** The names of the parts through which each object of a loop needs the next, for the error. */
    private Map<ObjectRef, String> partNames(Map<ObjectRef, Map<ObjectRef, Set<ObjectRef>>> reasons) {
        Map<ObjectRef, String> names = new HashMap<>();
        reasons.forEach((owner, next) -> {
            Separable s = separable.get(owner);
            String parts = next.values().stream().flatMap(Set::stream).filter(p -> !p.equals(owner) && s != null && s.parts().containsKey(p))
                    .map(p -> describe(s.parts().get(p))).collect(Collectors.joining(", "));
            if (!parts.isEmpty()) {
                names.put(owner, parts);
            }
        });
        return names;
    }

    /**
     * The error for a dependency loop that no part breaks.
     *
     * @param loop the objects, each needing the next, the last the first
     * @param through for some objects, the parts of them that need the next
     */
    static PgMigrateException unbreakable(List<SchemaObject> loop, Map<ObjectRef, String> through) {
        StringBuilder message = new StringBuilder("These objects depend on each other in a loop, so none of them can be created first:");
        for (int i = 0; i < loop.size(); i++) {
            SchemaObject o = loop.get(i);
            message.append("\n  the ").append(describe(o));
            if (through.containsKey(o.ref())) {
                message.append(" (through its ").append(through.get(o.ref())).append(')');
            }
            message.append(" needs the ").append(describe(loop.get((i + 1) % loop.size())));
        }
        return new PgMigrateException(ErrorKind.MIGRATION_FAILED, message
                + "\nNothing was changed on the target. Break the loop on the source (e.g. drop and recreate one of them"
                + " without the reference), or report it with these definitions.");
    }

    private static String describe(SchemaObject o) {
        return o.kind() + " " + o.name();
    }

    /** Whether creating {@code parts} of {@code owner} on their own removes the need they stand for. */
    private boolean separates(ObjectRef owner, Set<ObjectRef> parts) {
        Separable s = separable.get(owner);
        return s != null && !parts.isEmpty() && s.parts().keySet().containsAll(parts)
                && parts.stream().noneMatch(separated.getOrDefault(owner, Set.of())::contains);
    }

    /** Creates {@code parts} of {@code owner} on their own, after it, at {@code placement}. */
    private void separate(ObjectRef owner, Set<ObjectRef> parts, Placement placement) {
        Separable s = separable.get(owner);
        Set<ObjectRef> now = separated.computeIfAbsent(owner, k -> new HashSet<>());
        now.addAll(parts);
        SchemaObject before = DependencyOrder.byRef(objects).get(owner);
        replace(owner, before.withStatements(s.without(now)));
        int at = objects.indexOf(DependencyOrder.byRef(objects).get(owner)) + 1;
        for (ObjectRef part : parts) {
            SchemaObject p = s.parts().get(part);
            objects.add(at++, new SchemaObject(p.ref(), p.kind(), p.name(), placement, p.tableOid(), p.statements()));
            if (placement != Placement.PRE_DATA) {
                moved.add(part);
            }
            extra.computeIfAbsent(part, k -> new HashSet<>()).add(owner);
            if (p.kind().equals("column default") && placement == Placement.PRE_DATA) {
                // a child created after its parent's default inherits it, as on the source
                extra.forEach((child, needs) -> {
                    if (needs.contains(owner) && !child.equals(part) && TABLES.contains(kindOf(child))) {
                        needs.add(part);
                    }
                });
            }
        }
    }

    private String kindOf(ObjectRef ref) {
        SchemaObject o = DependencyOrder.byRef(objects).get(ref);
        return o == null ? "" : o.kind();
    }

    /** Replaces the first object of {@code ref} (the one dependencies resolve to). */
    private void replace(ObjectRef ref, SchemaObject with) {
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i).ref().equals(ref)) {
                objects.set(i, with);
                return;
            }
        }
    }

    /**
     * Pre-data objects in {@code preDataOrder}, then the others as they are, where those moved after
     * the data come first among the objects created after the data, in dependency order.
     */
    private List<SchemaObject> assemble(List<SchemaObject> preDataOrder, Map<ObjectRef, SchemaObject> byRef,
                                        Map<ObjectRef, Map<ObjectRef, Set<ObjectRef>>> through) {
        Map<ObjectRef, SchemaObject> after = new LinkedHashMap<>();
        moved.forEach(ref -> after.put(ref, byRef.get(ref)));
        Map<ObjectRef, Set<ObjectRef>> afterNeeds = within(after, through);
        DependencyOrder.Sorted movedOrder = DependencyOrder.kahn(after, afterNeeds);
        if (!movedOrder.left().isEmpty()) {
            throw unbreakable(DependencyOrder.loop(movedOrder.left(), after, afterNeeds).stream().map(after::get).toList(), Map.of());
        }
        List<SchemaObject> all = new ArrayList<>(preDataOrder);
        boolean movedAdded = false;
        for (SchemaObject o : objects) {
            if (o.placement() == Placement.PRE_DATA || after.get(o.ref()) == o) {
                continue;
            }
            if (o.placement() == Placement.AFTER_ALL_DATA && !movedAdded) {
                all.addAll(movedOrder.objects());
                movedAdded = true;
            }
            all.add(o);
        }
        if (!movedAdded) {
            all.addAll(movedOrder.objects());
        }
        return all;
    }

    private static Map<ObjectRef, SchemaObject> inPlacement(Map<ObjectRef, SchemaObject> byRef, Placement placement) {
        Map<ObjectRef, SchemaObject> in = new LinkedHashMap<>();
        byRef.forEach((ref, o) -> {
            if (o.placement() == placement) {
                in.put(ref, o);
            }
        });
        return in;
    }

    /** The dependencies among {@code among}. */
    private static Map<ObjectRef, Set<ObjectRef>> within(Map<ObjectRef, SchemaObject> among, Map<ObjectRef, Map<ObjectRef, Set<ObjectRef>>> through) {
        Map<ObjectRef, Set<ObjectRef>> needs = new HashMap<>();
        through.forEach((from, to) -> {
            if (among.containsKey(from)) {
                Set<ObjectRef> in = to.keySet().stream().filter(among::containsKey).collect(Collectors.toSet());
                if (!in.isEmpty()) {
                    needs.put(from, in);
                }
            }
        });
        return needs;
    }
}
