package org.pgmigrate.engine.internal.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.ObjectFilter;
import org.pgmigrate.PgMigrateException;

/**
 * Applies an {@link ObjectFilter} to what was read from the source: removes the objects it leaves
 * out with everything that belongs to them (a table's indexes, constraints, triggers, rules,
 * policies, statistics, rows, sequence values, publication memberships; an extension's
 * configuration rows; a schema's default privileges and publication memberships), keeps the
 * tables whose rows are left out but copies none of their rows, and lists the objects taken that
 * depend on objects left out, so the migration can refuse before it changes the target.
 */
public final class SchemaSelection {
    /** Copies no row, while the table's indexes and constraints are still built after its (empty) copy. */
    static final String NO_ROWS = "WHERE false";

    private final List<String> excluded;
    private final List<String> brokenDependencies;

    SchemaSelection(List<String> excluded, List<String> brokenDependencies) {
        this.excluded = List.copyOf(excluded);
        this.brokenDependencies = List.copyOf(brokenDependencies);
    }

    /**
     * Removes from {@code schema} what {@code filter} leaves out.
     *
     * @param source the connection {@code schema} was read with, still inside the snapshot
     */
    public static SchemaSelection apply(Connection source, SourceSchema schema, ObjectFilter filter) throws SQLException {
        if (filter.takesEverything()) {
            return new SchemaSelection(List.of(), List.of());
        }
        return new Selector(schema, filter, source, Set.of()).select();
    }

    /**
     * Removes from {@code schema} the objects {@code objects} (with everything that belongs to
     * them, as for a filter) and records them and {@code parts} (column defaults and table
     * constraints their tables are created without) as left out, for verification not to expect
     * them. {@code objects} must hold everything that depends on them (see {@link UncreatableSelection}).
     *
     * @param source the connection {@code schema} was read with, still inside the snapshot
     */
    static void leaveOut(Connection source, SourceSchema schema, Set<ObjectRef> objects, Set<ObjectRef> parts) throws SQLException {
        schema.edges.removeIf(e -> parts.contains(e.object()));
        new Selector(schema, ObjectFilter.all(), source, objects).select();
        schema.excludedObjects.addAll(parts);
    }

    /** Whether the rows of {@code table} are copied (the filter may keep a table but not its rows). */
    public static boolean copiesRows(TableData table) {
        return !NO_ROWS.equals(table.filter());
    }

    /** What the filter leaves out, one line each: "schema archive", "table public.t", "rows of table public.e", "extension x". */
    public List<String> excluded() {
        return excluded;
    }

    /** "view public.v depends on excluded table public.t", one line for each object taken that depends on one left out. */
    public List<String> brokenDependencies() {
        return brokenDependencies;
    }

    /** @throws PgMigrateException ({@link ErrorKind#FILTER_DEPENDENCY}) when an object taken depends on one left out */
    public void refuseBrokenDependencies() {
        if (brokenDependencies.isEmpty()) {
            return;
        }
        throw new PgMigrateException(ErrorKind.FILTER_DEPENDENCY, "The filter leaves out objects that migrated objects depend on:\n  "
                + String.join("\n  ", brokenDependencies)
                + "\nExclude the dependent objects too, or include what they depend on. Nothing was changed on the target.");
    }

    /** One application of a filter to one schema. */
    private static final class Selector {
        private static final Set<String> RELATIONS = Set.of("table", "partitioned table", "view", "materialized view", "sequence",
                "foreign table");
        private static final Set<String> TABLES = Set.of("table", "partitioned table");

        private final SourceSchema schema;
        private final ObjectFilter filter;
        /** The filter without table inclusions: whether a relation that follows its table is excluded by name. */
        private final ObjectFilter exclusions;
        private final Connection source;
        /** Objects left out whatever the filter says. */
        private final Set<ObjectRef> leftOut;
        private final Map<ObjectRef, SchemaObject> byRef;
        private final Map<ObjectRef, ObjectRef> memberOf;
        private final Map<ObjectRef, Boolean> kept = new HashMap<>();
        private final Map<ObjectRef, Boolean> rowsKept = new HashMap<>();
        private Map<ObjectRef, ObjectIdentities.Identity> identities;

        Selector(SourceSchema schema, ObjectFilter filter, Connection source, Set<ObjectRef> leftOut) {
            this.schema = schema;
            this.filter = filter;
            this.exclusions = ObjectFilter.builder().from(filter).includeTables(List.of()).build();
            this.source = source;
            this.leftOut = leftOut;
            this.byRef = DependencyOrder.byRef(schema.objects);
            this.memberOf = DependencyOrder.memberships(byRef, schema.edges);
        }

        SchemaSelection select() throws SQLException {
            identities = ObjectIdentities.read(source, byRef.keySet());
            List<String> excluded = excludedLines();
            List<String> broken = brokenDependencies();
            selectTables(excluded);
            selectSequenceValues();
            for (SchemaObject o : byRef.values()) {
                if (o.kind().equals("materialized view") && !keeps(o.ref())) {
                    schema.matviewRefreshes.remove("REFRESH MATERIALIZED VIEW " + o.name());
                }
            }
            schema.extensions.removeIf(e -> !filter.takesExtension(e.name()));
            recordExclusions();
            schema.objects.removeIf(o -> !keeps(o.ref()));
            if (!filter.takesEverything()) {
                // a filter, as pg_dump's selections; objects left out as uncreatable do not count
                schema.leaveOutSystemPrivileges();
            }
            return new SchemaSelection(excluded, broken);
        }

        /** Keeps what was left out, with the sub-objects and members of each, for verification to leave out too. */
        private void recordExclusions() {
            for (SchemaObject o : byRef.values()) {
                if (!keeps(o.ref())) {
                    schema.excludedObjects.add(o.ref());
                }
                if (o.kind().equals("schema") && !filter.takesSchema(identity(o.ref()).name())) {
                    schema.excludedSchemas.add(identity(o.ref()).name());
                }
            }
            for (DependencyOrder.Edge e : schema.edges) {
                ObjectRef owner = e.type() == 'n' ? null : DependencyOrder.resolve(e.object(), byRef, memberOf);
                if (owner != null && schema.excludedObjects.contains(owner)) {
                    schema.excludedObjects.add(e.object());
                }
            }
        }

        private boolean keeps(ObjectRef ref) {
            Boolean known = kept.get(ref);
            if (known != null) {
                return known;
            }
            kept.put(ref, Boolean.TRUE); // a cycle of parents settles on "kept"
            boolean keeps = decide(byRef.get(ref));
            kept.put(ref, keeps);
            return keeps;
        }

        private boolean decide(SchemaObject o) {
            if (leftOut.contains(o.ref())) {
                return false;
            }
            ObjectIdentities.Identity id = identity(o.ref());
            ObjectRef table = ObjectRef.of(ObjectRef.PG_CLASS, o.tableOid());
            if (o.tableOid() != 0 && !table.equals(o.ref()) && byRef.containsKey(table)) {
                return keeps(table); // indexes, constraints, triggers... follow their table
            }
            if (o.kind().equals("schema")) {
                // every new database has a public schema: its comment, owner and privileges are set even when it is left out
                return filter.takesSchema(id.name()) || "public".equals(id.name());
            }
            if (o.kind().equals("extension")) {
                return filter.takesExtension(id.name());
            }
            if (RELATIONS.contains(o.kind()) && id.name() != null) {
                List<ObjectRef> parents = parents(o);
                if (parents.isEmpty() || parents.stream().noneMatch(this::keeps)) {
                    // an orphaned partition or owned sequence is taken only when a pattern names it
                    return filter.takesTable(id.schema(), id.name()) && (parents.isEmpty() || !filter.includeTables().isEmpty());
                }
                return exclusions.takesTable(id.schema(), id.name());
            }
            return id.schema() == null || filter.takesSchema(id.schema());
        }

        /** The tables a relation follows: a partition's or child's parents, an owned sequence's table. */
        private List<ObjectRef> parents(SchemaObject o) {
            Set<ObjectRef> parents = new LinkedHashSet<>();
            if (TABLES.contains(o.kind())) {
                schema.extraDependencies.getOrDefault(o.ref(), Set.of()).stream().filter(this::isTable).forEach(parents::add);
            }
            if (o.kind().equals("sequence")) {
                schema.edges.stream().filter(e -> e.object().equals(o.ref()) && e.type() == 'a' && isTable(e.referenced()))
                        .forEach(e -> parents.add(e.referenced()));
            }
            return new ArrayList<>(parents);
        }

        private boolean isTable(ObjectRef ref) {
            SchemaObject o = byRef.get(ref);
            return o != null && TABLES.contains(o.kind());
        }

        /** Whether a taken table's rows are copied: not when a pattern names it or a parent whose rows are left out. */
        private boolean keepsRows(ObjectRef table) {
            Boolean known = rowsKept.get(table);
            if (known != null) {
                return known;
            }
            rowsKept.put(table, Boolean.TRUE);
            ObjectIdentities.Identity id = identity(table);
            boolean keeps = (id.name() == null || filter.takesTableData(id.schema(), id.name()))
                    && parents(byRef.get(table)).stream().allMatch(this::keepsRows);
            rowsKept.put(table, keeps);
            return keeps;
        }

        private List<String> excludedLines() {
            List<String> lines = new ArrayList<>();
            for (SchemaObject o : byRef.values()) {
                ObjectIdentities.Identity id = identity(o.ref());
                boolean named = o.kind().equals("schema") ? !filter.takesSchema(id.name())
                        : !keeps(o.ref()) && (o.kind().equals("extension")
                        // the tables of an excluded schema go without saying
                        || (RELATIONS.contains(o.kind()) && id.schema() != null && filter.takesSchema(id.schema())));
                if (named) {
                    lines.add(describe(o.ref()));
                }
            }
            return lines;
        }

        private void selectTables(List<String> excluded) {
            List<TableData> selected = new ArrayList<>();
            for (TableData t : schema.tables) {
                ObjectRef ref = ObjectRef.of(ObjectRef.PG_CLASS, t.oid());
                ObjectRef owner = DependencyOrder.resolve(ref, byRef, memberOf);
                if (owner != null && !keeps(owner)) {
                    continue;
                }
                if (byRef.containsKey(ref) && !keepsRows(ref)) {
                    excluded.add("rows of " + describe(ref));
                    selected.add(t.withFilter(NO_ROWS));
                } else {
                    selected.add(t);
                }
            }
            schema.tables.clear();
            schema.tables.addAll(selected);
        }

        private void selectSequenceValues() throws SQLException {
            Map<String, Long> oids = ObjectIdentities.sequenceOids(source);
            schema.sequences.removeIf(v -> {
                Long oid = oids.get(v.qualifiedName());
                ObjectRef owner = oid == null ? null : DependencyOrder.resolve(ObjectRef.of(ObjectRef.PG_CLASS, oid), byRef, memberOf);
                return owner != null && !keeps(owner);
            });
        }

        private List<String> brokenDependencies() {
            Map<ObjectRef, Set<ObjectRef>> dependencies = DependencyOrder.dependencies(byRef, schema.edges, schema.extraDependencies);
            Set<String> broken = new LinkedHashSet<>();
            for (SchemaObject o : byRef.values()) {
                if (!keeps(o.ref())) {
                    continue;
                }
                // a view whose query is created on its own is named for it
                String dependent = o.kind().equals("view query") ? describe(table(o)) : describe(o.ref());
                for (ObjectRef to : dependencies.getOrDefault(o.ref(), Set.of())) {
                    ObjectRef shown = shown(to);
                    if (!keeps(to)) {
                        broken.add(dependent + " depends on excluded " + describe(shown));
                    } else if (o.kind().equals("foreign key") && keepsRows(table(o)) && isTable(shown) && !keepsRows(shown)) {
                        broken.add(describe(o.ref()) + " needs the rows of " + describe(shown) + ", which are excluded");
                    }
                }
            }
            return new ArrayList<>(broken);
        }

        private ObjectRef table(SchemaObject o) {
            return ObjectRef.of(ObjectRef.PG_CLASS, o.tableOid());
        }

        /** A table's index or constraint is named by its table in messages, an excluded partition by its excluded root. */
        private ObjectRef shown(ObjectRef ref) {
            SchemaObject o = byRef.get(ref);
            ObjectRef shown = o.tableOid() != 0 && byRef.containsKey(table(o)) ? table(o) : ref;
            for (int depth = 0; depth < 32; depth++) {
                ObjectRef excludedParent = parents(byRef.get(shown)).stream().filter(p -> !keeps(p)).findFirst().orElse(null);
                if (excludedParent == null) {
                    break;
                }
                shown = excludedParent;
            }
            return shown;
        }

        private String describe(ObjectRef ref) {
            SchemaObject o = byRef.get(ref);
            ObjectIdentities.Identity id = identities.get(ref);
            return o.kind() + " " + (id == null || id.identity() == null ? o.name() : id.identity());
        }

        private ObjectIdentities.Identity identity(ObjectRef ref) {
            return identities.getOrDefault(ref, new ObjectIdentities.Identity(null, null, null));
        }
    }
}
