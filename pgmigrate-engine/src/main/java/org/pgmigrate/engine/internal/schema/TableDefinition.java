package org.pgmigrate.engine.internal.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.pgmigrate.engine.internal.jdbc.Sql;
import org.pgmigrate.engine.internal.schema.ColumnReader.Check;
import org.pgmigrate.engine.internal.schema.ColumnReader.Column;
import org.pgmigrate.engine.internal.schema.RelationReader.Relation;

/**
 * The statements that create a table (ordinary, partitioned, foreign or typed, a partition or an
 * inheritance child) as it is on the source: its columns in their order, each its own or
 * inherited ({@code attislocal}, {@code attinhcount}), and its CHECK and NOT NULL constraints its
 * own or inherited, under their names.
 *
 * <p>{@code CREATE TABLE ... INHERITS} and {@code PARTITION OF} put a parent's columns first and
 * give the child the parent's names for the NOT NULL constraints it inherits. A child for which
 * that is not what the source has (its parent gained a column after it, it was made on its own
 * and attached, its inherited constraints have names of their own) takes a slower way that gets
 * it exactly: a partition is created as a table of its own and attached, as pg_dump does; an
 * inheritance child is built column by column under a scratch parent (see
 * {@link ScratchParent}).
 */
final class TableDefinition {
    private final ColumnReader columns;
    private final SequenceReader sequences;
    private final Map<Long, Relation> relations;
    private final Map<Long, List<Long>> parents;
    private final int targetVersion;
    private final Tablespaces tablespaces;
    private final List<String> inParentsOrder = new ArrayList<>();
    /** The CHECK constraints and defaults of the table at hand that are created on their own (see {@link Separable}). */
    private Set<ObjectRef> separated = Set.of();

    /**
     * @param relations the relations read, by OID
     * @param parents the parents of each child, in order ({@code inhseqno})
     * @param tablespaces where the source's tablespaces go
     */
    TableDefinition(ColumnReader columns, SequenceReader sequences, Map<Long, Relation> relations, Map<Long, List<Long>> parents,
                    int targetVersion, Tablespaces tablespaces) {
        this.columns = columns;
        this.sequences = sequences;
        this.relations = relations;
        this.parents = parents;
        this.targetVersion = targetVersion;
        this.tablespaces = tablespaces;
    }

    /** The parents of {@code r}, in order. */
    List<Relation> parentsOf(Relation r) {
        return parents.getOrDefault(r.oid, List.of()).stream().map(relations::get).toList();
    }

    /** The statements creating {@code r}, without its CHECK constraints and column defaults in {@code separated}. */
    List<String> statements(Relation r, Set<ObjectRef> separated) {
        this.separated = separated;
        List<Relation> parents = parentsOf(r);
        List<String> s = new ArrayList<>();
        if (r.partition) {
            Relation parent = parents.get(0);
            if (madeAsPartition(r, parent)) {
                s.add(partitionOf(r, parent));
                alterInheritedColumns(r, parents, s);
            } else {
                attached(r, parent, s);
            }
        } else if (!parents.isEmpty()) {
            boolean inOrder = madeAsChild(r, parents);
            if (!inOrder && allItsOwn(r)) {
                // made on its own and then attached with INHERIT: made again that way, its order is its own
                s.add(standalone(r));
                parents.forEach(p -> s.add("ALTER " + r.keyword() + r.name + " INHERIT " + p.name));
                return s;
            }
            if (!inOrder && targetVersion < 170000 && columns.of(r.oid).stream().anyMatch(c -> c.referencesLater)) {
                // a column generated from a later one is added first, and its expression set later: 17+
                inParentsOrder.add(r.name);
                inOrder = true;
            }
            if (inOrder) {
                s.add(inheriting(r, parents));
                alterInheritedColumns(r, parents, s);
            } else {
                new ScratchParent(this, r, parents).build(s);
            }
        } else {
            s.add(standalone(r));
        }
        return s;
    }

    /**
     * Whether every column and constraint of a child is its own ({@code attislocal},
     * {@code conislocal}), as when it was made on its own and then attached with {@code INHERIT}:
     * such a child can be made so again, whatever its columns' order.
     */
    private boolean allItsOwn(Relation r) {
        return columns.of(r.oid).stream().allMatch(c -> c.local && (c.notNullConstraint == null || c.notNullConstraint.local()))
                && columns.checks(r.oid).stream().allMatch(Check::local);
    }

    /**
     * The inheritance children whose columns are in another order on the target than on the
     * source: made with {@code CREATE TABLE ... INHERITS}, as pg_dump makes them, because their
     * order needs {@code ALTER COLUMN ... SET EXPRESSION} (17+).
     */
    List<String> inParentsOrder() {
        return inParentsOrder;
    }

    ColumnReader columns() {
        return columns;
    }

    int targetVersion() {
        return targetVersion;
    }

    /** {@code CREATE [UNLOGGED] TABLE name}. */
    static String head(Relation r) {
        // UNLOGGED never did anything to a partitioned table, and 18 refuses it there
        return "CREATE " + (r.persistence == 'u' && r.kind != 'p' ? "UNLOGGED " : "") + r.keyword() + r.name;
    }

    /**
     * What follows the columns: partition key, foreign server, access method, storage parameters
     * and tablespace; {@code parent} for a table made {@code PARTITION OF} it, whose tablespace the
     * partition takes unless it names another, else null.
     */
    String tail(Relation r, Relation parent) {
        return (r.partitionKey == null ? "" : " PARTITION BY " + r.partitionKey)
                + (r.foreignServer == null ? "" : " SERVER " + r.foreignServer)
                + RelationReader.using(r) + RelationReader.withOptions(r)
                + (parent != null && r.kind != 'p' ? tablespaces.partitionClause(r.tablespace, parent.tablespace) : tablespaces.clause(r.tablespace));
    }

    /** A table without parents: ordinary, partitioned, foreign, or typed ({@code OF type}). */
    private String standalone(Relation r) {
        List<String> elements = new ArrayList<>();
        for (Column c : columns.of(r.oid)) {
            String constraints = constraints(r, c, null, NotNullClauses.inColumn(r.relname, c));
            if (r.ofType == null) {
                elements.add(definition(c) + constraints);
            } else if (!constraints.isEmpty()) {
                // a typed table's columns are its type's; only what it adds to them is written
                elements.add(Sql.ident(c.name) + " WITH OPTIONS" + constraints);
            }
        }
        checks(r, false).forEach(check -> elements.add(check.clause()));
        if (r.ofType != null) {
            return head(r) + " OF " + r.ofType + (elements.isEmpty() ? "" : parenthesized(elements)) + tail(r, null);
        }
        return head(r) + parenthesized(elements) + tail(r, null);
    }

    /** {@code CREATE TABLE ... INHERITS}: the columns the child declares, the rest from its parents. */
    private String inheriting(Relation r, List<Relation> parents) {
        Map<String, Column> inherited = parentColumns(parents);
        List<String> elements = new ArrayList<>();
        for (Column c : columns.of(r.oid)) {
            if (c.local) {
                elements.add(definition(c) + constraints(r, c, inherited.get(c.name), NotNullClauses.inColumn(r.relname, c)));
            }
        }
        notNullElements(r, parents, elements);
        checks(r, true).forEach(check -> elements.add(check.clause()));
        return head(r) + parenthesized(elements)
                + " INHERITS (" + parents.stream().map(p -> p.name).collect(Collectors.joining(", ")) + ")" + tail(r, null);
    }

    /** {@code CREATE TABLE ... PARTITION OF}: every column from the parent. */
    private String partitionOf(Relation r, Relation parent) {
        List<String> elements = new ArrayList<>();
        notNullElements(r, List.of(parent), elements);
        checks(r, true).forEach(check -> elements.add(check.clause()));
        return head(r) + " PARTITION OF " + parent.name + (elements.isEmpty() ? "" : parenthesized(elements)) + " " + r.partitionBound
                + tail(r, parent);
    }

    /**
     * A partition created as a table of its own, with every column in its order and every
     * constraint the parent requires, then attached: attaching makes its columns and the
     * constraints that match the parent's inherited, keeping their names.
     */
    private void attached(Relation r, Relation parent, List<String> s) {
        List<String> elements = new ArrayList<>();
        for (Column c : columns.of(r.oid)) {
            Column parentColumn = columns.named(parent.oid, c.name);
            elements.add(definition(c) + constraints(r, c, null, NotNullClauses.beforeAttach(r.relname, c, parentColumn)));
        }
        checks(r, false).forEach(check -> elements.add(check.clause()));
        s.add(head(r) + parenthesized(elements) + tail(r, null));
        s.add("ALTER TABLE " + parent.name + " ATTACH PARTITION " + r.name + " " + r.partitionBound);
        for (Column c : columns.of(r.oid)) {
            if (NotNullClauses.localAfterAttach(c, columns.named(parent.oid, c.name))) {
                // attaching made the partition's own NOT NULL inherited; SET NOT NULL makes it its own again
                s.add("ALTER TABLE ONLY " + r.name + " ALTER COLUMN " + Sql.ident(c.name) + " SET NOT NULL");
            }
        }
    }

    /** Whether {@code PARTITION OF} gives the partition what it has: the parent's column order, NOT NULL names and expressions. */
    private boolean madeAsPartition(Relation r, Relation parent) {
        List<Column> own = columns.of(r.oid);
        List<Column> parents = columns.of(parent.oid);
        if (own.size() != parents.size()) {
            return false;
        }
        for (int i = 0; i < own.size(); i++) {
            Column c = own.get(i);
            Column p = parents.get(i);
            if (!c.name.equals(p.name) || !NotNullClauses.nameInheritable(c, p)
                    || (c.isGenerated() && !Objects.equals(c.defaultExpr, p.defaultExpr))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code CREATE TABLE ... INHERITS} gives the child what it has: the parents'
     * columns first (merged by name, in the order of the parents), then its own, and the
     * parents' names for the NOT NULL constraints it inherits only. It refuses a generated
     * column whose parent's is not, which ALTER TABLE ... INHERIT allowed before 16.
     */
    private boolean madeAsChild(Relation r, List<Relation> parents) {
        Map<String, Column> inherited = parentColumns(parents);
        List<String> order = new ArrayList<>(inherited.keySet());
        List<String> actual = new ArrayList<>();
        for (Column c : columns.of(r.oid)) {
            actual.add(c.name);
            Column parent = inherited.get(c.name);
            if (parent == null) {
                order.add(c.name);
            } else if (!NotNullClauses.nameInheritable(c, parent) || (c.isGenerated() && !parent.isGenerated())) {
                return false;
            }
        }
        return order.equals(actual);
    }

    /**
     * The name 18 gives the NOT NULL constraint a child inherits on {@code column} from an older
     * major's {@code parents}, which have NOT NULL flags only: the name its first parent with one
     * has, its own default name where it declares the column, else the one it inherits.
     */
    String inheritedNotNullName(List<Relation> parents, String column) {
        for (Relation parent : parents) {
            Column c = columns.named(parent.oid, column);
            if (c != null && c.notNull) {
                String inherited = c.local && !parent.partition ? null : inheritedNotNullName(parentsOf(parent), column);
                return inherited != null ? inherited : NotNullConstraint.defaultName(parent.relname, column);
            }
        }
        return null;
    }

    /** The columns of the parents by name, each from the first parent that has it, in the order a child gets them. */
    Map<String, Column> parentColumns(List<Relation> parents) {
        Map<String, Column> inherited = new LinkedHashMap<>();
        for (Relation p : parents) {
            for (Column c : columns.of(p.oid)) {
                inherited.putIfAbsent(c.name, c);
            }
        }
        return inherited;
    }

    /** NOT NULL constraints of columns a child gets from a parent, where the child's differ (18+). */
    private void notNullElements(Relation r, List<Relation> parents, List<String> elements) {
        inheritedColumns(r, parents).forEach((c, parentColumn) -> {
            if (NotNullClauses.inherited(r.relname, c, parentColumn) == NotNullClauses.Inherited.ELEMENT) {
                elements.add(NotNullClauses.element(c));
            }
        });
    }

    /**
     * Columns a child gets from its parent are not declared again, but a child may have its own
     * default or NOT NULL on them, which is set after the CREATE.
     */
    private void alterInheritedColumns(Relation r, List<Relation> parents, List<String> s) {
        inheritedColumns(r, parents).forEach((c, inherited) -> {
            String column = "ALTER TABLE ONLY " + r.name + " ALTER COLUMN " + Sql.ident(c.name);
            if (!c.isGenerated() && c.identity == ' ' && !Objects.equals(c.defaultExpr, inherited.defaultExpr)
                    && (c.defaultExpr == null || writesDefault(c))) {
                s.add(column + (c.defaultExpr == null ? " DROP DEFAULT" : " SET DEFAULT " + c.defaultExpr));
            }
            if (NotNullClauses.inherited(r.relname, c, inherited) == NotNullClauses.Inherited.SET_NOT_NULL) {
                s.add(column + " SET NOT NULL");
            }
        });
    }

    /**
     * The columns a child does not declare itself because a parent does (every column of a
     * partition), each with the parent's column of that name.
     */
    private Map<Column, Column> inheritedColumns(Relation r, List<Relation> parents) {
        Map<String, Column> parentColumns = parentColumns(parents);
        Map<Column, Column> inherited = new LinkedHashMap<>();
        for (Column c : columns.of(r.oid)) {
            Column parentColumn = parentColumns.get(c.name);
            if (parentColumn != null && (!c.local || r.partition)) {
                inherited.put(c, parentColumn);
            }
        }
        return inherited;
    }

    /** The CHECK constraints created with {@code r} (its own only, with {@code onlyLocal}), less those created on their own. */
    List<Check> checks(Relation r, boolean onlyLocal) {
        return columns.checks(r.oid).stream().filter(check -> (!onlyLocal || check.local()) && !separated.contains(check.ref())).toList();
    }

    /** Whether a column has a default of its own (not an identity or a generation expression). */
    static boolean hasDefault(Column c) {
        return c.defaultExpr != null && !c.isGenerated() && c.identity == ' ';
    }

    /** The default of a column, as a pg_attrdef object. */
    static ObjectRef defaultRef(Column c) {
        return ObjectRef.of(ObjectRef.PG_ATTRDEF, c.defaultOid);
    }

    /** Whether the column's default is written with it: it has one, not created on its own. */
    boolean writesDefault(Column c) {
        return hasDefault(c) && !separated.contains(defaultRef(c));
    }

    /** A column's name, type, foreign options and collation. */
    static String definition(Column c) {
        return Sql.ident(c.name) + ' ' + c.type + c.foreignOptions + (c.collation == null ? "" : " COLLATE " + c.collation);
    }

    /**
     * What follows a column's type: its generation expression, identity or default, then
     * {@code notNull}. A column that a parent's {@code inherited} column is generated the same
     * way leaves the expression out (the child inherits it; before 16 the server refuses it).
     * A partition's identity is its parent's, which it gets when it is attached.
     */
    String constraints(Relation r, Column c, Column inherited, String notNull) {
        StringBuilder sql = new StringBuilder();
        if (c.isGenerated()) {
            if (inherited == null || !inherited.isGenerated() || !Objects.equals(c.defaultExpr, inherited.defaultExpr)) {
                sql.append(" GENERATED ALWAYS AS (").append(c.defaultExpr).append(c.generated == 's' ? ") STORED" : ") VIRTUAL");
            }
        } else if (c.identity != ' ') {
            if (!r.partition) {
                sql.append(" GENERATED ").append(c.identity == 'a' ? "ALWAYS" : "BY DEFAULT").append(" AS IDENTITY");
                String options = sequences.identityOptions(r.oid, c.attnum);
                if (options != null) {
                    sql.append(" (").append(options).append(')');
                }
            }
        } else if (writesDefault(c)) {
            sql.append(" DEFAULT ").append(c.defaultExpr);
        }
        return sql.append(notNull).toString();
    }

    private static String parenthesized(List<String> elements) {
        return elements.isEmpty() ? " ()" : " (\n    " + String.join(",\n    ", elements) + "\n)";
    }
}
