package org.pgmigrate.engine.internal.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pre-data objects in dependency order, cut into batches of one transaction each, with the
 * earlier batches each one needs: batches that need none of each other's objects may be created
 * side by side. A table that inherits from or is a partition of another table locks that parent
 * while it is created, so batches holding such tables also wait for one another, in order: two
 * of them side by side could deadlock on two parents.
 *
 * @param first the position of the batch's first object in the order, from 1
 * @param objects the batch's objects, in order
 * @param after indexes of the earlier batches it needs committed first
 */
public record PreDataBatch(int first, List<SchemaObject> objects, Set<Integer> after) {
    private static final Set<String> TABLE_KINDS = Set.of("table", "partitioned table", "foreign table");

    /**
     * @param ordered the objects in dependency order
     * @param needs what each object needs created before it (other objects than those in {@code ordered} are ignored)
     */
    static List<PreDataBatch> cut(List<SchemaObject> ordered, Map<ObjectRef, Set<ObjectRef>> needs, int size) {
        Map<ObjectRef, Integer> batchOf = new HashMap<>();
        Map<ObjectRef, String> kinds = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            batchOf.putIfAbsent(ordered.get(i).ref(), i / size);
            kinds.putIfAbsent(ordered.get(i).ref(), ordered.get(i).kind());
        }
        List<PreDataBatch> batches = new ArrayList<>();
        int lastWithChildren = -1;
        for (int from = 0; from < ordered.size(); from += size) {
            int index = from / size;
            List<SchemaObject> objects = ordered.subList(from, Math.min(ordered.size(), from + size));
            Set<Integer> after = new TreeSet<>();
            boolean hasChildren = false;
            for (SchemaObject o : objects) {
                // objects that share an identity (a table, then its settings) go in order
                if (batchOf.get(o.ref()) < index) {
                    after.add(batchOf.get(o.ref()));
                }
                for (ObjectRef needed : needs.getOrDefault(o.ref(), Set.of())) {
                    Integer batch = batchOf.get(needed);
                    // a later batch only where a dependency cycle was broken: the order decides then
                    if (batch != null && batch < index) {
                        after.add(batch);
                    }
                    String neededKind = kinds.get(needed);
                    hasChildren |= neededKind != null && TABLE_KINDS.contains(neededKind) && TABLE_KINDS.contains(o.kind());
                }
            }
            if (hasChildren) {
                if (lastWithChildren >= 0) {
                    after.add(lastWithChildren);
                }
                lastWithChildren = index;
            }
            batches.add(new PreDataBatch(from + 1, List.copyOf(objects), Set.copyOf(after)));
        }
        return batches;
    }

    /** The position of the batch's last object in the order, from 1. */
    public int last() {
        return first + objects.size() - 1;
    }
}
