package org.pgmigrate.engine.internal.schema;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.pgmigrate.engine.internal.schema.ColumnReader.Column;
import org.pgmigrate.engine.internal.jdbc.Sql;

/** Tables (with partitions and inheritance), sequences, views and materialized views. */
final class RelationReader {
    private final Catalog catalog;
    private final TargetRoles roles;
    private final SourceSchema out;

    private final Map<Long, Relation> relations = new LinkedHashMap<>();
    private final Map<Long, List<Long>> parents = new HashMap<>();
    private final ColumnReader columns;
    private final SequenceReader sequences;
    private final Map<Long, String> integerKeys = new HashMap<>();

    RelationReader(Catalog catalog, TargetRoles roles, SourceSchema out) {
        this.catalog = catalog;
        this.roles = roles;
        this.out = out;
        this.columns = new ColumnReader(catalog, relations);
        this.sequences = new SequenceReader(catalog, relations, out);
    }

    /** The relations read, by OID, for the readers of their indexes, triggers and policies. */
    Map<Long, Relation> relations() {
        return relations;
    }

    /** How many partitioned ancestors a relation has (0 for a root). */
    int partitionDepth(long oid, Map<Long, Integer> memo) {
        Integer known = memo.get(oid);
        if (known != null) {
            return known;
        }
        List<Long> up = parents.getOrDefault(oid, List.of());
        int depth = up.isEmpty() ? 0 : 1 + partitionDepth(up.get(0), memo);
        memo.put(oid, depth);
        return depth;
    }

    void read() throws SQLException {
        readRelations();
        readInheritance();
        readIntegerKeys();
        columns.read();
        sequences.read();
        Map<Long, List<Grant>> acls = catalog.acls("pg_class", "oid", "relacl");
        for (Relation r : relations.values()) {
            Statements s = new Statements(roles);
            switch (r.kind) {
                case 'r':
                case 'p':
                case 'f':
                    s.add(createTable(r));
                    alterInheritedColumns(r, s);
                    columnSettings(r, s);
                    commentsOnColumnsAndChecks(r, s);
                    s.comment(r.keyword() + r.name, catalog.comment(ObjectRef.PG_CLASS, r.oid, 0));
                    s.owner(r.keyword() + r.name, r.owner);
                    // a sequence can only be linked to a table of the same owner: after ALTER ... OWNER
                    sequences.ownedBy(r.oid).forEach(s::add);
                    s.privileges("TABLE " + r.name, r.owner, acls.get(r.oid));
                    // identity sequences come with the table; only their privileges need restoring
                    for (String[] sequence : sequences.identitySequences(r.oid)) {
                        s.privileges("SEQUENCE " + sequence[1], r.owner, acls.get(Long.parseLong(sequence[0])));
                    }
                    columnPrivileges(r, s);
                    out.add(SchemaObject.preData(ref(r), r.kind == 'p' ? "partitioned table" : r.kind == 'f' ? "foreign table" : "table",
                            r.name, s.toList()));
                    parents.getOrDefault(r.oid, List.of()).forEach(p -> out.dependsOn(ref(r), ObjectRef.of(ObjectRef.PG_CLASS, p)));
                    if (r.kind == 'r') {
                        out.tables.add(new TableData(r.oid, r.name, r.schema, r.relname, copyColumns(r), null, r.size, r.rows,
                                integerKeys.get(r.oid)));
                    }
                    break;
                case 'S':
                    s.add("CREATE SEQUENCE " + r.name + sequences.options(r.oid));
                    s.comment("SEQUENCE " + r.name, catalog.comment(ObjectRef.PG_CLASS, r.oid, 0));
                    s.owner("SEQUENCE " + r.name, r.owner);
                    s.privileges("SEQUENCE " + r.name, r.owner, acls.get(r.oid));
                    out.add(SchemaObject.preData(ref(r), "sequence", r.name, s.toList()));
                    break;
                case 'v':
                case 'm':
                    boolean matview = r.kind == 'm';
                    String keyword = matview ? "MATERIALIZED VIEW " : "VIEW ";
                    String definition = stripSemicolon(r.viewDefinition);
                    s.add("CREATE " + keyword + r.name + using(r) + withOptions(r) + out.tablespaces.clause(r.tablespace) + " AS\n"
                            + definition + (matview ? "\nWITH NO DATA" : ""));
                    commentsOnColumnsAndChecks(r, s);
                    s.comment(keyword + r.name, catalog.comment(ObjectRef.PG_CLASS, r.oid, 0));
                    s.owner(keyword + r.name, r.owner);
                    s.privileges("TABLE " + r.name, r.owner, acls.get(r.oid));
                    columnPrivileges(r, s);
                    out.add(SchemaObject.preData(ref(r), matview ? "materialized view" : "view", r.name, s.toList()));
                    if (matview && r.populated) {
                        out.matviewRefreshes.add("REFRESH MATERIALIZED VIEW " + r.name);
                    }
                    break;
                default:
                    break;
            }
        }
    }

    private void columnPrivileges(Relation r, Statements s) {
        for (Column c : columns.of(r.oid)) {
            s.columnPrivileges("TABLE " + r.name, c.name, columns.acl(r.oid, c.name));
        }
    }

    static ObjectRef ref(Relation r) {
        return ObjectRef.of(ObjectRef.PG_CLASS, r.oid);
    }

    private String createTable(Relation r) {
        StringBuilder sql = new StringBuilder("CREATE ");
        // UNLOGGED never did anything to a partitioned table, and 18 refuses it there
        if (r.persistence == 'u' && r.kind != 'p') {
            sql.append("UNLOGGED ");
        }
        sql.append(r.keyword()).append(r.name);
        List<String> elements = new ArrayList<>();
        List<Long> tableParents = parents.getOrDefault(r.oid, List.of());
        if (!r.partition) {
            for (Column c : columns.of(r.oid)) {
                if (c.local) {
                    elements.add(columnDefinition(r, c));
                }
            }
        }
        inheritedColumns(r).forEach((c, parentColumn) -> {
            if (NotNullClauses.inherited(r.relname, c, parentColumn, r.partition) == NotNullClauses.Inherited.ELEMENT) {
                elements.add(NotNullClauses.element(c));
            }
        });
        elements.addAll(columns.inlineChecks(r.oid));
        if (r.partition) {
            Relation parent = relations.get(tableParents.get(0));
            sql.append(" PARTITION OF ").append(parent.name);
            if (!elements.isEmpty()) {
                sql.append(" (\n    ").append(String.join(",\n    ", elements)).append("\n)");
            }
            sql.append(' ').append(r.partitionBound);
        } else {
            sql.append(" (");
            if (!elements.isEmpty()) {
                sql.append("\n    ").append(String.join(",\n    ", elements)).append('\n');
            }
            sql.append(')');
            if (!tableParents.isEmpty()) {
                sql.append(" INHERITS (").append(tableParents.stream().map(p -> relations.get(p).name).collect(Collectors.joining(", "))).append(')');
            }
        }
        if (r.partitionKey != null) {
            sql.append(" PARTITION BY ").append(r.partitionKey);
        }
        if (r.foreignServer != null) {
            sql.append(" SERVER ").append(r.foreignServer);
        }
        sql.append(using(r)).append(withOptions(r));
        sql.append(r.partition && r.kind != 'p' ? out.tablespaces.partitionClause(r.tablespace, relations.get(tableParents.get(0)).tablespace)
                : out.tablespaces.clause(r.tablespace));
        return sql.toString();
    }

    private String columnDefinition(Relation r, Column c) {
        StringBuilder sql = new StringBuilder(Sql.ident(c.name)).append(' ').append(c.type).append(c.foreignOptions);
        if (c.collation != null) {
            sql.append(" COLLATE ").append(c.collation);
        }
        if (c.isGenerated()) {
            sql.append(" GENERATED ALWAYS AS (").append(c.defaultExpr).append(c.generated == 's' ? ") STORED" : ") VIRTUAL");
        } else if (c.identity != ' ') {
            sql.append(" GENERATED ").append(c.identity == 'a' ? "ALWAYS" : "BY DEFAULT").append(" AS IDENTITY");
            String options = sequences.identityOptions(r.oid, c.attnum);
            if (options != null) {
                sql.append(" (").append(options).append(')');
            }
        } else if (c.defaultExpr != null) {
            sql.append(" DEFAULT ").append(c.defaultExpr);
        }
        sql.append(NotNullClauses.inColumn(r.relname, c));
        return sql.toString();
    }

    /**
     * Columns a child gets from its parent are not declared again, but a child may have its own
     * default or NOT NULL on them, which is set after the CREATE.
     */
    private void alterInheritedColumns(Relation r, Statements s) {
        inheritedColumns(r).forEach((c, inherited) -> {
            String column = "ALTER TABLE ONLY " + r.name + " ALTER COLUMN " + Sql.ident(c.name);
            if (!c.isGenerated() && c.identity == ' ' && !Objects.equals(c.defaultExpr, inherited.defaultExpr)) {
                s.add(column + (c.defaultExpr == null ? " DROP DEFAULT" : " SET DEFAULT " + c.defaultExpr));
            }
            if (NotNullClauses.inherited(r.relname, c, inherited, r.partition) == NotNullClauses.Inherited.SET_NOT_NULL) {
                s.add(column + " SET NOT NULL");
            }
        });
    }

    /**
     * The columns a child does not declare itself because a parent does (every column of a
     * partition), each with the parent's column of that name.
     */
    private Map<Column, Column> inheritedColumns(Relation r) {
        Map<String, Column> parentColumns = new HashMap<>();
        for (Long p : parents.getOrDefault(r.oid, List.of())) {
            for (Column c : columns.of(p)) {
                parentColumns.putIfAbsent(c.name, c);
            }
        }
        Map<Column, Column> inherited = new LinkedHashMap<>();
        for (Column c : columns.of(r.oid)) {
            Column parentColumn = parentColumns.get(c.name);
            if (parentColumn != null && (!c.local || r.partition)) {
                inherited.put(c, parentColumn);
            }
        }
        return inherited;
    }

    private void columnSettings(Relation r, Statements s) {
        for (Column c : columns.of(r.oid)) {
            String column = "ALTER TABLE ONLY " + r.name + " ALTER COLUMN " + Sql.ident(c.name);
            if (c.statistics != null) {
                s.add(column + " SET STATISTICS " + Integer.parseInt(c.statistics));
            }
            if (c.storage != null) {
                s.add(column + " SET STORAGE " + STORAGE.get(c.storage));
            }
        }
    }

    private static final Map<String, String> STORAGE = Map.of("p", "PLAIN", "e", "EXTERNAL", "m", "MAIN", "x", "EXTENDED");

    private void commentsOnColumnsAndChecks(Relation r, Statements s) {
        for (Column c : columns.of(r.oid)) {
            s.comment("COLUMN " + r.name + "." + Sql.ident(c.name), catalog.comment(ObjectRef.PG_CLASS, r.oid, c.attnum));
            NotNullConstraint notNull = c.notNullConstraint;
            if (notNull != null && notNull.valid()) {
                s.comment("CONSTRAINT " + Sql.ident(notNull.name()) + " ON " + r.name, notNull.comment());
            }
        }
        // CHECK constraints written inside CREATE TABLE have no statement of their own to carry their comment
        for (String[] check : columns.inlineCheckComments(r.oid)) {
            s.comment(check[0] + r.name, check[1]);
        }
    }

    private List<TableColumn> copyColumns(Relation r) {
        return columns.of(r.oid).stream()
                .filter(c -> !c.isGenerated())
                .map(c -> TableColumn.of(Sql.ident(c.name), c.baseType, c.typmod, c.binarySafe))
                .toList();
    }

    private static String using(Relation r) {
        return r.accessMethod == null ? "" : " USING " + r.accessMethod;
    }

    private static String withOptions(Relation r) {
        return r.options.isEmpty() ? "" : " WITH (" + String.join(", ", r.options) + ")";
    }

    private static String stripSemicolon(String definition) {
        String d = definition.strip();
        return d.endsWith(";") ? d.substring(0, d.length() - 1) : d;
    }

    private void readRelations() throws SQLException {
        catalog.query("SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence, pg_catalog.pg_get_userbyid(c.relowner),"
                + " ARRAY(SELECT pg_catalog.quote_ident(o.option_name) || '=' || pg_catalog.quote_literal(o.option_value)"
                + "       FROM pg_catalog.pg_options_to_table(c.reloptions) o),"
                + " c.relispartition, CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END,"
                + " CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END,"
                + " CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid) END,"
                + " c.relispopulated, CASE WHEN c.relkind = 'r' THEN pg_catalog.pg_relation_size(c.oid) ELSE 0 END,"
                + " CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint ELSE -1 END,"
                + " (SELECT pg_catalog.quote_ident(fs.srvname) || " + ForeignDataReader.options("ft.ftoptions")
                + "   FROM pg_catalog.pg_foreign_table ft JOIN pg_catalog.pg_foreign_server fs ON fs.oid = ft.ftserver"
                + "   WHERE ft.ftrelid = c.oid),"
                // a table access method other than the built-in heap (relam of tables is 0 before 12)
                + " (SELECT pg_catalog.quote_ident(am.amname) FROM pg_catalog.pg_am am"
                + "   WHERE am.oid = c.relam AND c.relkind IN ('r', 'p', 'm') AND am.amname <> 'heap'),"
                + " (SELECT t.spcname FROM pg_catalog.pg_tablespace t WHERE t.oid = c.reltablespace)"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND " + SchemaFilter.userNamespace("n")
                + " AND " + Dependencies.notMember("pg_class", "c.oid")
                + " ORDER BY n.nspname, c.relname", rs -> {
                    Relation r = new Relation();
                    r.oid = rs.getLong(1);
                    r.schema = rs.getString(2);
                    r.relname = rs.getString(3);
                    r.name = Sql.qualified(r.schema, r.relname);
                    r.kind = rs.getString(4).charAt(0);
                    r.persistence = rs.getString(5).charAt(0);
                    r.owner = rs.getString(6);
                    r.options = strings(rs.getArray(7));
                    r.partition = rs.getBoolean(8);
                    r.partitionBound = rs.getString(9);
                    r.partitionKey = rs.getString(10);
                    r.viewDefinition = rs.getString(11);
                    r.populated = rs.getBoolean(12);
                    r.size = rs.getLong(13);
                    r.rows = rs.getLong(14);
                    r.foreignServer = rs.getString(15);
                    r.accessMethod = rs.getString(16);
                    r.tablespace = rs.getString(17);
                    relations.put(r.oid, r);
                });
    }

    /** Single-column primary keys of type smallint, integer or bigint. */
    private void readIntegerKeys() throws SQLException {
        catalog.query("SELECT con.conrelid, a.attname FROM pg_catalog.pg_constraint con"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]"
                + " WHERE con.contype = 'p' AND pg_catalog.array_length(con.conkey, 1) = 1"
                + " AND a.atttypid IN ('pg_catalog.int2'::pg_catalog.regtype, 'pg_catalog.int4'::pg_catalog.regtype,"
                + " 'pg_catalog.int8'::pg_catalog.regtype)", rs -> integerKeys.put(rs.getLong(1), Sql.ident(rs.getString(2))));
    }

    private void readInheritance() throws SQLException {
        catalog.query("SELECT inhrelid, inhparent FROM pg_catalog.pg_inherits ORDER BY inhrelid, inhseqno", rs -> {
            if (relations.containsKey(rs.getLong(1))) {
                parents.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
            }
        });
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** A relation as read from pg_class. */
    static final class Relation {
        long oid;
        String schema;
        String relname;
        /** Quoted {@code schema.name}. */
        String name;
        char kind;
        char persistence;
        String owner;
        List<String> options;
        boolean partition;
        String partitionBound;
        String partitionKey;
        String viewDefinition;
        boolean populated;
        long size;
        long rows;
        /** For a foreign table: its quoted server name and OPTIONS clause. */
        String foreignServer;
        /** The quoted name of its table access method, null for heap. */
        String accessMethod;
        /** The name of its tablespace on the source, null for the database's default. */
        String tablespace;

        /** The object type in CREATE, ALTER and COMMENT statements, with a trailing space. */
        String keyword() {
            return kind == 'f' ? "FOREIGN TABLE " : "TABLE ";
        }
    }


}
