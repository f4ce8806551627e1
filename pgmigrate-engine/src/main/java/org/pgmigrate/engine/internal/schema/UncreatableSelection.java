package org.pgmigrate.engine.internal.schema;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.WarningCodes;

/**
 * Objects the target cannot create, each with everything that depends on it, found through the
 * dependencies the pre-data order follows (pg_depend, with sub-objects resolved to the objects
 * that create them, and the dependencies the readers add): what {@code DROP ... CASCADE} would
 * drop. A column default or a table's CHECK constraint that uses such an object goes alone: its
 * table is created without it ({@link SchemaReader.Options#partsLeftOut()}); a column of such a
 * type, or a generated column using it, takes its table.
 */
public final class UncreatableSelection {
    private static final Set<String> TABLES = Set.of("table", "partitioned table", "foreign table");

    /** Each object that cannot be created, with why, in the order found. */
    private final Map<ObjectRef, String> why;
    /** What goes with each of {@link #why}'s objects and is named in messages (not what goes with another one: a table's indexes). */
    private final Map<ObjectRef, List<ObjectRef>> shown = new LinkedHashMap<>();
    private final Set<ObjectRef> objects = new LinkedHashSet<>();
    private final Set<ObjectRef> parts = new LinkedHashSet<>();
    private final Map<ObjectRef, String> descriptions;

    private UncreatableSelection(Map<ObjectRef, String> why, Map<ObjectRef, String> descriptions) {
        this.why = why;
        this.descriptions = descriptions;
    }

    /**
     * The objects of {@code schema} among {@code uncreatable} (object to why it cannot be created;
     * those the filter left out are not), with what depends on them.
     *
     * @param source the connection {@code schema} was read with, still inside the snapshot
     */
    public static UncreatableSelection of(Connection source, SourceSchema schema, Map<ObjectRef, String> uncreatable) throws SQLException {
        Map<ObjectRef, SchemaObject> byRef = DependencyOrder.byRef(schema.objects);
        Map<ObjectRef, String> why = new LinkedHashMap<>();
        uncreatable.forEach((ref, reason) -> {
            if (byRef.containsKey(ref)) {
                why.put(ref, reason);
            }
        });
        if (why.isEmpty()) {
            return new UncreatableSelection(why, Map.of());
        }
        Graph graph = new Graph(schema, byRef, generatedColumnDefaults(source));
        Map<ObjectRef, Set<ObjectRef>> dependents = new LinkedHashMap<>();
        why.keySet().forEach(root -> dependents.put(root, graph.dependents(root)));
        Set<ObjectRef> described = new LinkedHashSet<>(why.keySet());
        dependents.values().forEach(described::addAll);
        UncreatableSelection selection = new UncreatableSelection(why, describe(source, described));
        selection.objects.addAll(why.keySet());
        dependents.forEach((root, gone) -> {
            List<ObjectRef> named = new ArrayList<>();
            for (ObjectRef ref : gone) {
                SchemaObject o = byRef.get(ref);
                if (o == null) {
                    selection.parts.add(ref);
                } else {
                    selection.objects.add(ref);
                }
                // a shell is its type; a table's index, trigger... goes with it
                boolean withItsTable = o != null && o.tableOid() != 0 && gone.contains(ObjectRef.of(ObjectRef.PG_CLASS, o.tableOid()));
                if (!ref.isShell() && !withItsTable) {
                    named.add(ref);
                }
            }
            selection.shown.put(root, named);
        });
        return selection;
    }

    public boolean isEmpty() {
        return why.isEmpty();
    }

    /** The column defaults and table constraints left out while their tables are created. */
    public Set<ObjectRef> parts() {
        return parts;
    }

    /**
     * Leaves everything found out of {@code schema}, which must have been read without {@link #parts()}.
     *
     * @param source the connection {@code schema} was read with, still inside the snapshot
     */
    public void leaveOut(Connection source, SourceSchema schema) throws SQLException {
        SchemaSelection.leaveOut(source, schema, objects, parts);
    }

    /** One line per object that cannot be created: "function public.f(): why; depending on it: view public.v, ...". */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        why.forEach((root, reason) -> {
            List<String> with = shown(root);
            lines.add(descriptions.get(root) + ": " + reason + (with.isEmpty() ? "" : "; depending on it: " + String.join(", ", with)));
        });
        return lines;
    }

    /** One warning per object left out, naming it and what depends on it. */
    public List<MigrationWarning> warnings() {
        List<MigrationWarning> warnings = new ArrayList<>();
        why.forEach((root, reason) -> {
            List<String> with = shown(root);
            List<String> named = new ArrayList<>(List.of(descriptions.get(root)));
            named.addAll(with);
            warnings.add(MigrationWarning.of(WarningCodes.UNCREATABLE_OBJECT, "The target cannot create " + descriptions.get(root) + " (" + reason
                    + "): it was left out" + (with.isEmpty() ? "" : ", with what depends on it: " + String.join(", ", with)) + ".", named));
        });
        return warnings;
    }

    /** What goes with {@code root}, as messages name it, sorted. */
    private List<String> shown(ObjectRef root) {
        return shown.get(root).stream().map(descriptions::get).distinct().sorted().toList();
    }

    /** The defaults that are generated columns' expressions (12+): they cannot go without their column. */
    private static Set<ObjectRef> generatedColumnDefaults(Connection source) throws SQLException {
        Set<ObjectRef> generated = new HashSet<>();
        if (source.getMetaData().getDatabaseMajorVersion() < 12) {
            return generated;
        }
        try (PreparedStatement ps = source.prepareStatement("SELECT ad.oid FROM pg_catalog.pg_attrdef ad JOIN pg_catalog.pg_attribute a"
                + " ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum WHERE a.attgenerated <> ''"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                generated.add(ObjectRef.of(ObjectRef.PG_ATTRDEF, rs.getLong(1)));
            }
        }
        return generated;
    }

    /** How PostgreSQL names each object in messages ({@code pg_describe_object}); a shell as its type. One query. */
    private static Map<ObjectRef, String> describe(Connection source, Set<ObjectRef> refs) throws SQLException {
        List<ObjectRef> list = new ArrayList<>(refs);
        Map<ObjectRef, String> names = new HashMap<>();
        Array catalogs = source.createArrayOf("int8", list.stream().map(r -> (long) r.catalogObject().catalog()).toArray());
        Array oids = source.createArrayOf("int8", list.stream().map(ObjectRef::oid).toArray());
        try (PreparedStatement ps = source.prepareStatement("SELECT pg_catalog.pg_describe_object(r.c::pg_catalog.oid, r.o::pg_catalog.oid, 0)"
                + " FROM ROWS FROM (pg_catalog.unnest(?::pg_catalog.int8[]), pg_catalog.unnest(?::pg_catalog.int8[])) WITH ORDINALITY AS r(c, o, n)"
                + " ORDER BY r.n")) {
            ps.setArray(1, catalogs);
            ps.setArray(2, oids);
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    names.put(list.get(i), rs.getString(1));
                }
            }
        } finally {
            catalogs.free();
            oids.free();
        }
        return names;
    }

    /** The schema's objects and what depends on what among them, walked from an object to its dependents. */
    private static final class Graph {
        private final Map<ObjectRef, SchemaObject> byRef;
        private final Map<ObjectRef, ObjectRef> memberOf;
        private final Set<ObjectRef> generatedDefaults;
        /** pg_depend rows by the object (of the schema) their referenced object resolves to. */
        private final Map<ObjectRef, List<DependencyOrder.Edge>> referencing = new HashMap<>();
        /** The readers' own dependencies, from the object depended on to the objects depending on it. */
        private final Map<ObjectRef, List<ObjectRef>> extraDependents = new HashMap<>();
        /** A table's indexes, constraints, triggers, rules, policies, statistics, by the table. */
        private final Map<ObjectRef, List<ObjectRef>> tableParts = new HashMap<>();

        Graph(SourceSchema schema, Map<ObjectRef, SchemaObject> byRef, Set<ObjectRef> generatedDefaults) {
            this.byRef = byRef;
            this.memberOf = DependencyOrder.memberships(byRef, schema.edges);
            this.generatedDefaults = generatedDefaults;
            for (DependencyOrder.Edge e : schema.edges) {
                ObjectRef to = DependencyOrder.resolve(e.referenced(), byRef, memberOf);
                if (to != null && e.type() != 'e') {
                    referencing.computeIfAbsent(to, k -> new ArrayList<>()).add(e);
                }
            }
            schema.extraDependencies.forEach((from, tos) -> {
                if (byRef.containsKey(from)) {
                    tos.forEach(to -> extraDependents.computeIfAbsent(to, k -> new ArrayList<>()).add(from));
                }
            });
            for (SchemaObject o : byRef.values()) {
                ObjectRef table = ObjectRef.of(ObjectRef.PG_CLASS, o.tableOid());
                if (o.tableOid() != 0 && !table.equals(o.ref())) {
                    tableParts.computeIfAbsent(table, k -> new ArrayList<>()).add(o.ref());
                }
            }
        }

        /** Everything that goes when {@code root} goes (its shell too), root excluded. */
        Set<ObjectRef> dependents(ObjectRef root) {
            Set<ObjectRef> gone = new LinkedHashSet<>();
            Deque<ObjectRef> next = new ArrayDeque<>();
            gone.add(root);
            next.add(root);
            ObjectRef shell = ObjectRef.shellOf(root.oid());
            if (root.catalog() == ObjectRef.PG_TYPE && byRef.containsKey(shell)) {
                gone.add(shell);
                next.add(shell);
            }
            while (!next.isEmpty()) {
                ObjectRef x = next.poll();
                for (DependencyOrder.Edge e : referencing.getOrDefault(x, List.of())) {
                    ObjectRef o = e.object();
                    ObjectRef goes = byRef.containsKey(o) ? o : part(o) ? o : DependencyOrder.resolve(o, byRef, memberOf);
                    if (goes != null && gone.add(goes) && byRef.containsKey(goes)) {
                        next.add(goes);
                    }
                }
                for (ObjectRef o : extraDependents.getOrDefault(x, List.of())) {
                    if (gone.add(o)) {
                        next.add(o);
                    }
                }
                for (ObjectRef o : tableParts.getOrDefault(x, List.of())) {
                    if (gone.add(o)) {
                        next.add(o);
                    }
                }
            }
            gone.remove(root);
            // a default or constraint of a table that goes goes with it
            gone.removeIf(ref -> !byRef.containsKey(ref) && gone.contains(DependencyOrder.resolve(ref, byRef, memberOf)));
            return gone;
        }

        /**
         * Whether {@code ref} is a plain column default or a CHECK constraint written inside its
         * table's CREATE TABLE: it can go alone, the table created without it.
         */
        private boolean part(ObjectRef ref) {
            if (ref.catalog() != ObjectRef.PG_ATTRDEF && ref.catalog() != ObjectRef.PG_CONSTRAINT || generatedDefaults.contains(ref)) {
                return false;
            }
            ObjectRef owner = DependencyOrder.resolve(ref, byRef, memberOf);
            return owner != null && TABLES.contains(byRef.get(owner).kind());
        }
    }
}
