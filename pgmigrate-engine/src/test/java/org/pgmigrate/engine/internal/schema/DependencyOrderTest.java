package org.pgmigrate.engine.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DependencyOrderTest {
    private static final ObjectRef TYPE = ObjectRef.of(ObjectRef.PG_TYPE, 100);
    private static final ObjectRef INPUT = ObjectRef.of(ObjectRef.PG_PROC, 201);
    private static final ObjectRef OUTPUT = ObjectRef.of(ObjectRef.PG_PROC, 202);
    private static final ObjectRef USER = ObjectRef.of(ObjectRef.PG_PROC, 203);
    private static final ObjectRef TABLE = ObjectRef.of(ObjectRef.PG_CLASS, 300);

    private static DependencyOrder.Edge edge(ObjectRef object, ObjectRef referenced) {
        return new DependencyOrder.Edge(object, referenced, 'n');
    }

    /** A base type with its shell, two I/O functions, a function that takes it and a table with a column of it. */
    private static List<SchemaObject> baseTypeAndItsUsers() {
        return List.of(
                SchemaObject.preData(TABLE, "table", "s.t", List.of("CREATE TABLE s.t (q s.q)")),
                SchemaObject.preData(USER, "function", "s.double(s.q)", List.of("CREATE FUNCTION s.double(s.q)")),
                SchemaObject.preData(TYPE, "base type", "s.q", List.of("CREATE TYPE s.q (INPUT = s.q_in, OUTPUT = s.q_out)")),
                SchemaObject.preData(INPUT, "function", "s.q_in(cstring)", List.of("CREATE FUNCTION s.q_in(cstring)")),
                SchemaObject.preData(OUTPUT, "function", "s.q_out(s.q)", List.of("CREATE FUNCTION s.q_out(s.q)")),
                SchemaObject.preData(ObjectRef.shellOf(TYPE.oid()), "shell type", "s.q", List.of("CREATE TYPE s.q")));
    }

    private static List<DependencyOrder.Edge> pgDepend() {
        return List.of(edge(TYPE, INPUT), edge(TYPE, OUTPUT), edge(INPUT, TYPE), edge(OUTPUT, TYPE), edge(USER, TYPE), edge(TABLE, TYPE));
    }

    @Test
    void aBaseTypeComesAsItsShellBeforeItsInputAndOutputFunctionsAndCompleteAfterThem() {
        List<SchemaObject> objects = baseTypeAndItsUsers();
        List<DependencyOrder.Edge> edges = DependencyOrder.throughShells(pgDepend(), objects);

        List<String> order = DependencyOrder.sort(objects, edges, Map.of(TYPE, Set.of(ObjectRef.shellOf(TYPE.oid())))).stream()
                .map(o -> o.statements().get(0)).toList();

        assertThat(order).containsExactly("CREATE TYPE s.q", "CREATE FUNCTION s.q_in(cstring)", "CREATE FUNCTION s.q_out(s.q)",
                "CREATE TYPE s.q (INPUT = s.q_in, OUTPUT = s.q_out)", "CREATE FUNCTION s.double(s.q)", "CREATE TABLE s.t (q s.q)");
        assertThat(edges).contains(edge(INPUT, ObjectRef.shellOf(TYPE.oid())), edge(USER, TYPE), edge(TABLE, TYPE))
                .doesNotContain(edge(INPUT, TYPE));
    }

    @Test
    void batchesWaitForTheShellAndTheCompleteTypeAsTheirObjectsNeed() {
        List<SchemaObject> objects = baseTypeAndItsUsers();
        Map<ObjectRef, Set<ObjectRef>> extra = Map.of(TYPE, Set.of(ObjectRef.shellOf(TYPE.oid())));
        List<SchemaObject> ordered = DependencyOrder.sort(objects, DependencyOrder.throughShells(pgDepend(), objects), extra);
        Map<ObjectRef, Set<ObjectRef>> needs = DependencyOrder.dependencies(DependencyOrder.byRef(ordered),
                DependencyOrder.throughShells(pgDepend(), objects), extra);

        List<PreDataBatch> batches = PreDataBatch.cut(ordered, needs, 1);

        // shell; input, output (after the shell only); type (after both); function and table (after the type only)
        assertThat(batches).extracting(PreDataBatch::after)
                .containsExactly(Set.of(), Set.of(0), Set.of(0), Set.of(0, 1, 2), Set.of(3), Set.of(3));
    }

    @Test
    void viewsAndTablesThatUseATypeOfACastComeAfterTheCastButNotThoseTheCastNeeds() {
        ObjectRef cast = ObjectRef.of(ObjectRef.PG_CAST, 400);
        ObjectRef view = ObjectRef.of(ObjectRef.PG_CLASS, 500);
        ObjectRef rowCast = ObjectRef.of(ObjectRef.PG_CAST, 401);
        ObjectRef rowFunction = ObjectRef.of(ObjectRef.PG_PROC, 204);
        List<SchemaObject> objects = List.of(
                SchemaObject.preData(TYPE, "base type", "s.q", List.of("CREATE TYPE s.q")),
                SchemaObject.preData(TABLE, "table", "s.t", List.of("CREATE TABLE s.t (q s.q)")),
                SchemaObject.preData(view, "view", "s.v", List.of("CREATE VIEW s.v AS SELECT 1::s.q::integer")),
                SchemaObject.preData(cast, "cast", "CAST (s.q AS integer)", List.of("CREATE CAST (s.q AS integer) WITHOUT FUNCTION")),
                SchemaObject.preData(rowFunction, "function", "s.f(s.t)", List.of("CREATE FUNCTION s.f(s.t)")),
                SchemaObject.preData(rowCast, "cast", "CAST (s.t AS text)", List.of("CREATE CAST (s.t AS text) WITH FUNCTION s.f(s.t)")));
        // a view's rewrite rule names the types of its expressions, not the casts between them
        ObjectRef rule = ObjectRef.of(ObjectRef.PG_REWRITE, 501);
        List<DependencyOrder.Edge> edges = List.of(edge(TABLE, TYPE), new DependencyOrder.Edge(rule, view, 'i'), edge(rule, TYPE),
                edge(cast, TYPE), edge(rowFunction, TABLE), edge(rowCast, TABLE), edge(rowCast, rowFunction));
        Map<ObjectRef, Set<ObjectRef>> extra = new java.util.HashMap<>();

        DependencyOrder.castsBeforeTheirUsers(objects, edges, extra);

        assertThat(extra).containsOnlyKeys(TABLE, view);
        assertThat(extra.get(view)).containsExactly(cast);
        assertThat(extra.get(TABLE)).as("not the cast of its own row type, which needs the table").containsExactly(cast);
        assertThat(DependencyOrder.sort(objects, edges, extra)).extracting(SchemaObject::name)
                .containsExactly("s.q", "CAST (s.q AS integer)", "s.t", "s.f(s.t)", "CAST (s.t AS text)", "s.v");
    }

    @Test
    void withoutAShellTheEdgesStayAsTheyWere() {
        List<SchemaObject> objects = baseTypeAndItsUsers().stream().filter(o -> !o.ref().isShell()).toList();

        assertThat(DependencyOrder.throughShells(pgDepend(), objects)).isEqualTo(pgDepend());
    }
}
