package org.pgmigrate.engine.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreDataBatchTest {
    private static SchemaObject object(long oid, String kind) {
        return SchemaObject.preData(ObjectRef.of(ObjectRef.PG_CLASS, oid), kind, "o" + oid, List.of("CREATE o" + oid));
    }

    private static ObjectRef ref(long oid) {
        return ObjectRef.of(ObjectRef.PG_CLASS, oid);
    }

    private static List<Set<Integer>> after(List<PreDataBatch> batches) {
        return batches.stream().map(PreDataBatch::after).toList();
    }

    @Test
    void tablesInOneSchemaNeedOnlyTheBatchThatCreatesIt() {
        List<SchemaObject> ordered = new ArrayList<>(List.of(object(1, "schema")));
        for (long t = 2; t <= 7; t++) {
            ordered.add(object(t, "table"));
        }
        Map<ObjectRef, Set<ObjectRef>> needs = Map.of(ref(2), Set.of(ref(1)), ref(3), Set.of(ref(1)), ref(4), Set.of(ref(1)),
                ref(5), Set.of(ref(1)), ref(6), Set.of(ref(1)), ref(7), Set.of(ref(1)));

        List<PreDataBatch> batches = PreDataBatch.cut(ordered, needs, 2);

        assertThat(batches).extracting(PreDataBatch::first, PreDataBatch::last)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 2), org.assertj.core.groups.Tuple.tuple(3, 4),
                        org.assertj.core.groups.Tuple.tuple(5, 6), org.assertj.core.groups.Tuple.tuple(7, 7));
        assertThat(after(batches)).containsExactly(Set.of(), Set.of(0), Set.of(0), Set.of(0));
        assertThat(batches.get(3).objects()).containsExactly(ordered.get(6));
    }

    @Test
    void aViewWaitsForEveryBatchWithATableItReads() {
        List<SchemaObject> ordered = List.of(object(1, "table"), object(2, "table"), object(3, "table"), object(4, "view"));
        Map<ObjectRef, Set<ObjectRef>> needs = Map.of(ref(4), Set.of(ref(1), ref(3)), ref(9), Set.of(ref(2)));

        assertThat(after(PreDataBatch.cut(ordered, needs, 1))).containsExactly(Set.of(), Set.of(), Set.of(), Set.of(0, 2));
    }

    @Test
    void childTablesGoOneBatchAfterTheOtherAndACycleIsLeftToTheOrder() {
        // 3 inherits from 1, 4 is a partition of 2: side by side they could lock both parents in opposite orders
        List<SchemaObject> ordered = List.of(object(1, "table"), object(2, "partitioned table"), object(3, "table"),
                object(4, "table"), object(5, "sequence"));
        Map<ObjectRef, Set<ObjectRef>> needs = Map.of(ref(3), Set.of(ref(1)), ref(4), Set.of(ref(2)),
                ref(5), Set.of(ref(4)), ref(1), Set.of(ref(5)));

        assertThat(after(PreDataBatch.cut(ordered, needs, 1))).containsExactly(Set.of(), Set.of(), Set.of(0), Set.of(1, 2), Set.of(3));
    }

    @Test
    void objectsSharingAnIdentityStayInOrder() {
        SchemaObject table = object(1, "table");
        SchemaObject settings = new SchemaObject(table.ref(), "table", table.name(), Placement.PRE_DATA, 0, List.of("ALTER o1"));

        assertThat(after(PreDataBatch.cut(List.of(table, object(2, "table"), settings), Map.of(), 1)))
                .containsExactly(Set.of(), Set.of(), Set.of(0));
    }
}
