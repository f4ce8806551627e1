package org.pgmigrate.engine.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pgmigrate.PgMigrateException;

class DependencyRepairTest {
    private static final ObjectRef TABLE = ObjectRef.of(ObjectRef.PG_CLASS, 300);
    private static final ObjectRef ROW_TYPE = ObjectRef.of(ObjectRef.PG_TYPE, 301);
    private static final ObjectRef CHECK = ObjectRef.of(ObjectRef.PG_CONSTRAINT, 302);
    private static final ObjectRef FUNCTION = ObjectRef.of(ObjectRef.PG_PROC, 400);
    private static final ObjectRef VIEW = ObjectRef.of(ObjectRef.PG_CLASS, 500);
    private static final ObjectRef VIEW_ROW_TYPE = ObjectRef.of(ObjectRef.PG_TYPE, 501);
    private static final ObjectRef QUERY = ObjectRef.of(ObjectRef.PG_REWRITE, 502);
    private static final ObjectRef KEY_INDEX = ObjectRef.of(ObjectRef.PG_CLASS, 310);
    private static final ObjectRef KEY = ObjectRef.of(ObjectRef.PG_CONSTRAINT, 311);

    private final List<SchemaObject> objects = new ArrayList<>();
    private final List<DependencyOrder.Edge> edges = new ArrayList<>();
    private final Map<ObjectRef, Set<ObjectRef>> extra = new HashMap<>();
    private final Map<ObjectRef, Separable> separable = new HashMap<>();

    private void edge(ObjectRef object, ObjectRef referenced, char type) {
        edges.add(new DependencyOrder.Edge(object, referenced, type));
    }

    private void preData(ObjectRef ref, String kind, String name) {
        objects.add(SchemaObject.preData(ref, kind, name, List.of("CREATE " + kind + " " + name)));
    }

    /** Table s.t, with a CHECK constraint that can be added on its own. */
    private void tableWithCheck() {
        objects.add(SchemaObject.preData(TABLE, "table", "s.t", List.of("CREATE TABLE s.t (a int, CHECK (s.f(t)))")));
        edge(ROW_TYPE, TABLE, 'i');
        edge(CHECK, TABLE, 'a');
        separable.put(TABLE, new Separable(Map.of(CHECK, new SchemaObject(CHECK, "check constraint", "c ON s.t", Placement.PRE_DATA,
                TABLE.oid(), List.of("ALTER TABLE s.t ADD CONSTRAINT c CHECK (s.f(t))"))),
                separated -> separated.contains(CHECK) ? List.of("CREATE TABLE s.t (a int)") : List.of("CREATE TABLE s.t (a int, CHECK (s.f(t)))")));
    }

    /** Table s.t with a primary key, built after the data: the key's constraint belongs to its index. */
    private void tableWithPrimaryKey() {
        objects.add(SchemaObject.preData(TABLE, "table", "s.t", List.of("CREATE TABLE s.t (a int)")));
        objects.add(new SchemaObject(KEY_INDEX, "constraint", "s.t_pkey", Placement.TABLE_POST_DATA, TABLE.oid(), List.of("ADD PRIMARY KEY")));
        edge(KEY, TABLE, 'a');
        edge(KEY_INDEX, KEY, 'i');
    }

    /** View s.v, whose query can be created on its own after a placeholder. */
    private void view() {
        objects.add(SchemaObject.preData(VIEW, "view", "s.v", List.of("CREATE VIEW s.v AS SELECT a FROM s.t")));
        edge(VIEW_ROW_TYPE, VIEW, 'i');
        edge(QUERY, VIEW, 'i');
        separable.put(VIEW, new Separable(Map.of(QUERY, new SchemaObject(QUERY, "view query", "s.v", Placement.PRE_DATA, VIEW.oid(),
                List.of("CREATE OR REPLACE VIEW s.v AS SELECT a FROM s.t"))), separated -> List.of("CREATE VIEW s.v AS SELECT NULL::integer AS a")));
    }

    private DependencyRepair.Plan plan() {
        return DependencyRepair.plan(objects, edges, extra, separable);
    }

    private static List<String> statements(DependencyRepair.Plan plan, Placement placement) {
        return plan.objects().stream().filter(o -> o.placement() == placement).flatMap(o -> o.statements().stream()).toList();
    }

    @Test
    void aCheckConstraintThatCallsAFunctionOfItsTablesRowTypeIsAddedAfterTheFunction() {
        tableWithCheck();
        preData(FUNCTION, "function", "s.f(s.t)");
        edge(FUNCTION, ROW_TYPE, 'n');
        edge(CHECK, FUNCTION, 'n');

        DependencyRepair.Plan plan = plan();

        assertThat(statements(plan, Placement.PRE_DATA)).containsExactly(
                "CREATE TABLE s.t (a int)", "CREATE function s.f(s.t)", "ALTER TABLE s.t ADD CONSTRAINT c CHECK (s.f(t))");
        assertThat(plan.preDataNeeds().get(CHECK)).containsExactlyInAnyOrder(TABLE, FUNCTION);
    }

    @Test
    void aLoopThroughAViewsQueryAndACheckConstraintIsBrokenAtTheViewAsPgDumpPrefers() {
        // the table's check calls s.f, s.f returns the view's rows, the view reads the table
        tableWithCheck();
        view();
        preData(FUNCTION, "function", "s.f()");
        edge(CHECK, FUNCTION, 'n');
        edge(FUNCTION, VIEW_ROW_TYPE, 'n');
        edge(QUERY, TABLE, 'n');

        assertThat(statements(plan(), Placement.PRE_DATA)).containsExactly("CREATE VIEW s.v AS SELECT NULL::integer AS a",
                "CREATE function s.f()", "CREATE TABLE s.t (a int, CHECK (s.f(t)))", "CREATE OR REPLACE VIEW s.v AS SELECT a FROM s.t");
    }

    @Test
    void aViewThatNeedsAPrimaryKeyIsCompletedFirstAfterTheData() {
        ObjectRef trigger = ObjectRef.of(ObjectRef.PG_TRIGGER, 510);
        tableWithPrimaryKey();
        view();
        objects.add(new SchemaObject(trigger, "trigger", "tr ON s.v", Placement.AFTER_ALL_DATA, VIEW.oid(), List.of("CREATE TRIGGER tr")));
        edge(QUERY, TABLE, 'n');
        edge(QUERY, KEY, 'n');

        DependencyRepair.Plan plan = plan();

        assertThat(statements(plan, Placement.PRE_DATA)).containsExactly("CREATE TABLE s.t (a int)", "CREATE VIEW s.v AS SELECT NULL::integer AS a");
        assertThat(statements(plan, Placement.AFTER_ALL_DATA)).containsExactly("CREATE OR REPLACE VIEW s.v AS SELECT a FROM s.t", "CREATE TRIGGER tr");
    }

    @Test
    void aMaterializedViewThatNeedsAPrimaryKeyIsCreatedAfterTheDataAndAViewOnItAfterIt() {
        ObjectRef matview = ObjectRef.of(ObjectRef.PG_CLASS, 600);
        ObjectRef matviewQuery = ObjectRef.of(ObjectRef.PG_REWRITE, 601);
        tableWithPrimaryKey();
        view();
        preData(matview, "materialized view", "s.m");
        edge(matviewQuery, matview, 'i');
        edge(matviewQuery, KEY, 'n');
        edge(QUERY, matview, 'n');

        DependencyRepair.Plan plan = plan();

        assertThat(statements(plan, Placement.PRE_DATA)).containsExactly("CREATE TABLE s.t (a int)", "CREATE VIEW s.v AS SELECT NULL::integer AS a");
        assertThat(statements(plan, Placement.AFTER_ALL_DATA))
                .containsExactly("CREATE materialized view s.m", "CREATE OR REPLACE VIEW s.v AS SELECT a FROM s.t");
    }

    @Test
    void aFunctionThatNeedsAPrimaryKeyIsCreatedAfterTheDataAndSoIsATriggerThatCallsIt() {
        ObjectRef trigger = ObjectRef.of(ObjectRef.PG_TRIGGER, 312);
        tableWithPrimaryKey();
        preData(FUNCTION, "function", "s.f()");
        objects.add(new SchemaObject(trigger, "trigger", "tr ON s.t", Placement.TABLE_POST_DATA, TABLE.oid(), List.of("CREATE TRIGGER tr")));
        edge(FUNCTION, KEY, 'n');
        edge(trigger, FUNCTION, 'n');

        DependencyRepair.Plan plan = plan();

        assertThat(statements(plan, Placement.PRE_DATA)).containsExactly("CREATE TABLE s.t (a int)");
        assertThat(statements(plan, Placement.TABLE_POST_DATA)).containsExactly("ADD PRIMARY KEY");
        assertThat(statements(plan, Placement.AFTER_ALL_DATA)).containsExactly("CREATE function s.f()", "CREATE TRIGGER tr");
    }

    @Test
    void aLoopNoPartBreaksFailsNamingEachObjectAndWhatItNeeds() {
        // a generated column calls a function that returns the table's rows: no part of either can wait
        ObjectRef generated = ObjectRef.of(ObjectRef.PG_ATTRDEF, 303);
        tableWithCheck();
        preData(FUNCTION, "function", "s.f(integer)");
        edge(generated, TABLE, 'a');
        edge(generated, FUNCTION, 'n');
        edge(FUNCTION, ROW_TYPE, 'n');

        assertThatThrownBy(this::plan).isInstanceOf(PgMigrateException.class)
                .hasMessageContaining("the table s.t needs the function s.f(integer)")
                .hasMessageContaining("the function s.f(integer) needs the table s.t")
                .hasMessageContaining("Nothing was changed on the target");
    }

    @Test
    void aPartitionFollowsItsParentWhoseForeignKeyToItselfHasClonesReferencingThePartition() {
        ObjectRef partition = ObjectRef.of(ObjectRef.PG_CLASS, 320);
        ObjectRef foreignKey = ObjectRef.of(ObjectRef.PG_CONSTRAINT, 330);
        ObjectRef clone = ObjectRef.of(ObjectRef.PG_CONSTRAINT, 331);
        preData(partition, "table", "s.a_part");
        preData(TABLE, "partitioned table", "s.t");
        objects.add(new SchemaObject(foreignKey, "foreign key", "fk ON s.t", Placement.FOREIGN_KEY, TABLE.oid(), List.of("ADD FOREIGN KEY")));
        extra.put(partition, Set.of(TABLE));
        // the parent's constraint that references the partition: dropped with the parent, internal to the foreign key
        edge(clone, TABLE, 'a');
        edge(clone, partition, 'n');
        edge(clone, foreignKey, 'i');

        assertThat(statements(plan(), Placement.PRE_DATA)).containsExactly("CREATE partitioned table s.t", "CREATE table s.a_part");
    }
}
