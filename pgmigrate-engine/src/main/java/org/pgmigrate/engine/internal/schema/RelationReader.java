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
import org.pgmigrate.engine.internal.jdbc.Sql;

/** Tables (with partitions and inheritance), sequences, views and materialized views. */
final class RelationReader {
    private final Catalog catalog;
    private final TargetRoles roles;
    private final SourceSchema out;

    private final Map<Long, Relation> relations = new LinkedHashMap<>();
    private final Map<Long, List<Long>> parents = new HashMap<>();
    private final Map<Long, List<Column>> columns = new HashMap<>();
    private final Map<Long, List<String>> inlineChecks = new HashMap<>();
    /** Comments on the CHECK constraints of inlineChecks, per table: {"CONSTRAINT name ON ", literal}. */
    private final Map<Long, List<String[]>> inlineCheckComments = new HashMap<>();
    private final Map<Long, String> integerKeys = new HashMap<>();

    RelationReader(Catalog catalog, TargetRoles roles, SourceSchema out) {
        this.catalog = catalog;
        this.roles = roles;
        this.out = out;
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
        readColumns();
        readChecks();
        Map<Long, List<Grant>> acls = catalog.acls("pg_class", "oid", "relacl");
        Map<Long, List<String[]>> identitySequences = new HashMap<>();
        Map<Long, String> identityOptions = readIdentitySequences(identitySequences);
        Map<Long, String> sequenceOptions = readSequences();
        Map<Long, List<String>> ownedBy = readOwnedSequences();
        Map<Long, Map<String, List<Grant>>> columnAcls = readColumnAcls();
        for (Relation r : relations.values()) {
            Statements s = new Statements(roles);
            switch (r.kind) {
                case 'r':
                case 'p':
                case 'f':
                    s.add(createTable(r, identityOptions));
                    alterInheritedColumns(r, s);
                    columnSettings(r, s);
                    commentsOnColumnsAndChecks(r, s);
                    s.comment(r.keyword() + r.name, catalog.comment(ObjectRef.PG_CLASS, r.oid, 0));
                    s.owner(r.keyword() + r.name, r.owner);
                    // a sequence can only be linked to a table of the same owner: after ALTER ... OWNER
                    ownedBy.getOrDefault(r.oid, List.of()).forEach(s::add);
                    s.privileges("TABLE " + r.name, r.owner, acls.get(r.oid));
                    // identity sequences come with the table; only their privileges need restoring
                    for (String[] sequence : identitySequences.getOrDefault(r.oid, List.of())) {
                        s.privileges("SEQUENCE " + sequence[1], r.owner, acls.get(Long.parseLong(sequence[0])));
                    }
                    for (Column c : columns.getOrDefault(r.oid, List.of())) {
                        Map<String, List<Grant>> byColumn = columnAcls.getOrDefault(r.oid, Map.of());
                        s.columnPrivileges("TABLE " + r.name, c.name, byColumn.get(c.name));
                    }
                    out.add(SchemaObject.preData(ref(r), r.kind == 'p' ? "partitioned table" : r.kind == 'f' ? "foreign table" : "table",
                            r.name, s.toList()));
                    parents.getOrDefault(r.oid, List.of()).forEach(p -> out.dependsOn(ref(r), ObjectRef.of(ObjectRef.PG_CLASS, p)));
                    if (r.kind == 'r') {
                        out.tables.add(new TableData(r.oid, r.name, r.schema, r.relname, copyColumns(r), null, r.size, r.rows,
                                integerKeys.get(r.oid)));
                    }
                    break;
                case 'S':
                    s.add("CREATE SEQUENCE " + r.name + sequenceOptions.getOrDefault(r.oid, ""));
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
                    s.add("CREATE " + keyword + r.name + withOptions(r) + " AS\n" + definition + (matview ? "\nWITH NO DATA" : ""));
                    commentsOnColumnsAndChecks(r, s);
                    s.comment(keyword + r.name, catalog.comment(ObjectRef.PG_CLASS, r.oid, 0));
                    s.owner(keyword + r.name, r.owner);
                    s.privileges("TABLE " + r.name, r.owner, acls.get(r.oid));
                    for (Column c : columns.getOrDefault(r.oid, List.of())) {
                        s.columnPrivileges("TABLE " + r.name, c.name, columnAcls.getOrDefault(r.oid, Map.of()).get(c.name));
                    }
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

    private static ObjectRef ref(Relation r) {
        return ObjectRef.of(ObjectRef.PG_CLASS, r.oid);
    }

    private String createTable(Relation r, Map<Long, String> identityOptions) {
        StringBuilder sql = new StringBuilder("CREATE ");
        if (r.persistence == 'u') {
            sql.append("UNLOGGED ");
        }
        sql.append(r.keyword()).append(r.name);
        List<String> elements = new ArrayList<>();
        List<Long> tableParents = parents.getOrDefault(r.oid, List.of());
        if (!r.partition) {
            for (Column c : columns.getOrDefault(r.oid, List.of())) {
                if (c.local) {
                    elements.add(columnDefinition(r, c, identityOptions));
                }
            }
        }
        elements.addAll(inlineChecks.getOrDefault(r.oid, List.of()));
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
        sql.append(withOptions(r));
        return sql.toString();
    }

    private static String columnDefinition(Relation r, Column c, Map<Long, String> identityOptions) {
        StringBuilder sql = new StringBuilder(Sql.ident(c.name)).append(' ').append(c.type).append(c.foreignOptions);
        if (c.collation != null) {
            sql.append(" COLLATE ").append(c.collation);
        }
        if (c.generated == 's') {
            sql.append(" GENERATED ALWAYS AS (").append(c.defaultExpr).append(") STORED");
        } else if (c.identity != ' ') {
            sql.append(" GENERATED ").append(c.identity == 'a' ? "ALWAYS" : "BY DEFAULT").append(" AS IDENTITY");
            String options = identityOptions.get(identityKey(r.oid, c.attnum));
            if (options != null) {
                sql.append(" (").append(options).append(')');
            }
        } else if (c.defaultExpr != null) {
            sql.append(" DEFAULT ").append(c.defaultExpr);
        }
        if (c.notNull) {
            sql.append(" NOT NULL");
        }
        return sql.toString();
    }

    /**
     * Columns a child gets from its parent are not declared again, but a child may have its own
     * default or NOT NULL on them, which is set after the CREATE.
     */
    private void alterInheritedColumns(Relation r, Statements s) {
        List<Long> tableParents = parents.getOrDefault(r.oid, List.of());
        if (tableParents.isEmpty()) {
            return;
        }
        Map<String, Column> parentColumns = new HashMap<>();
        for (Long p : tableParents) {
            for (Column c : columns.getOrDefault(p, List.of())) {
                parentColumns.putIfAbsent(c.name, c);
            }
        }
        for (Column c : columns.getOrDefault(r.oid, List.of())) {
            Column inherited = parentColumns.get(c.name);
            if (inherited == null || (c.local && !r.partition)) {
                continue;
            }
            String column = "ALTER TABLE ONLY " + r.name + " ALTER COLUMN " + Sql.ident(c.name);
            if (c.generated != 's' && c.identity == ' ' && !Objects.equals(c.defaultExpr, inherited.defaultExpr)) {
                s.add(column + (c.defaultExpr == null ? " DROP DEFAULT" : " SET DEFAULT " + c.defaultExpr));
            }
            if (c.notNull && !inherited.notNull) {
                s.add(column + " SET NOT NULL");
            }
        }
    }

    private void columnSettings(Relation r, Statements s) {
        for (Column c : columns.getOrDefault(r.oid, List.of())) {
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
        for (Column c : columns.getOrDefault(r.oid, List.of())) {
            s.comment("COLUMN " + r.name + "." + Sql.ident(c.name), catalog.comment(ObjectRef.PG_CLASS, r.oid, c.attnum));
        }
        // CHECK constraints written inside CREATE TABLE have no statement of their own to carry their comment
        for (String[] check : inlineCheckComments.getOrDefault(r.oid, List.of())) {
            s.comment(check[0] + r.name, check[1]);
        }
    }

    private List<TableColumn> copyColumns(Relation r) {
        return columns.getOrDefault(r.oid, List.of()).stream()
                .filter(c -> c.generated != 's')
                .map(c -> TableColumn.of(Sql.ident(c.name), c.baseType, c.typmod, c.binarySafe))
                .toList();
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
                + "   WHERE ft.ftrelid = c.oid)"
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

    private void readColumns() throws SQLException {
        String generated = catalog.version() >= 120000 ? "a.attgenerated" : "''";
        catalog.query("SELECT a.attrelid, a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                + " a.attidentity, " + generated + ","
                + " " + SchemaFilter.collationUnlessDefault("a.attcollation", "t.typcollation") + ","
                + " pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), a.attislocal,"
                + " CASE WHEN a.attstattarget >= 0 THEN a.attstattarget END,"
                + " CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END,"
                + " CASE WHEN t.typbasetype <> 0 THEN t.typbasetype ELSE t.oid END,"
                + " (CASE WHEN t.typbasetype <> 0 THEN t.typbasetype ELSE t.oid END) < " + Catalog.FIRST_NORMAL_OID + " OR t.typtype = 'e',"
                + " " + ForeignDataReader.options("a.attfdwoptions") + ","
                + " CASE WHEN t.typbasetype <> 0 THEN t.typtypmod ELSE a.atttypmod END"
                + " FROM pg_catalog.pg_attribute a"
                + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation"
                + " LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace"
                + " LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum"
                + " WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attrelid >= " + Catalog.FIRST_NORMAL_OID
                + " ORDER BY a.attrelid, a.attnum", rs -> {
                    if (!relations.containsKey(rs.getLong(1))) {
                        return;
                    }
                    Column c = new Column();
                    c.attnum = rs.getInt(2);
                    c.name = rs.getString(3);
                    c.type = rs.getString(4);
                    c.notNull = rs.getBoolean(5);
                    c.identity = firstChar(rs.getString(6));
                    c.generated = firstChar(rs.getString(7));
                    c.collation = rs.getString(8);
                    c.defaultExpr = rs.getString(9);
                    c.local = rs.getBoolean(10);
                    c.statistics = rs.getString(11);
                    c.storage = rs.getString(12);
                    c.baseType = rs.getLong(13);
                    c.binarySafe = rs.getBoolean(14);
                    c.foreignOptions = rs.getString(15);
                    c.typmod = rs.getInt(16);
                    columns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(c);
                });
    }

    /** Valid CHECK constraints go into CREATE TABLE; NOT VALID ones after the data (see ConstraintReader). */
    private void readChecks() throws SQLException {
        catalog.query("SELECT conrelid, conname, pg_catalog.pg_get_constraintdef(oid), oid FROM pg_catalog.pg_constraint"
                + " WHERE contype = 'c' AND conrelid <> 0 AND conislocal AND convalidated ORDER BY conrelid, conname", rs -> {
                    if (relations.containsKey(rs.getLong(1))) {
                        inlineChecks.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                                .add("CONSTRAINT " + Sql.ident(rs.getString(2)) + " " + rs.getString(3));
                        String comment = catalog.comment(ObjectRef.PG_CONSTRAINT, rs.getLong(4), 0);
                        if (comment != null) {
                            inlineCheckComments.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                                    .add(new String[] {"CONSTRAINT " + Sql.ident(rs.getString(2)) + " ON ", comment});
                        }
                    }
                });
    }

    private Map<Long, String> readIdentitySequences(Map<Long, List<String[]>> byTable) throws SQLException {
        Map<Long, String> options = new HashMap<>();
        catalog.query("SELECT d.refobjid, d.refobjsubid, n.nspname, c.relname, " + SEQUENCE_COLUMNS + ", c.oid"
                + " FROM pg_catalog.pg_depend d"
                + " JOIN pg_catalog.pg_class c ON c.oid = d.objid AND c.relkind = 'S'"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid"
                + " WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass"
                + " AND d.deptype = 'i' AND d.refobjsubid > 0", rs -> {
                    String name = Sql.qualified(rs.getString(3), rs.getString(4));
                    options.put(identityKey(rs.getLong(1), rs.getInt(2)), "SEQUENCE NAME " + name + sequenceOptions(rs, 5, false));
                    byTable.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new String[] {rs.getString(12), name});
                });
        return options;
    }

    private Map<Long, String> readSequences() throws SQLException {
        Map<Long, String> options = new HashMap<>();
        catalog.query("SELECT s.seqrelid, " + SEQUENCE_COLUMNS + " FROM pg_catalog.pg_sequence s", rs -> {
            if (relations.containsKey(rs.getLong(1))) {
                options.put(rs.getLong(1), sequenceOptions(rs, 2, true));
            }
        });
        return options;
    }

    private static final String SEQUENCE_COLUMNS = "pg_catalog.format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,"
            + " s.seqmin, s.seqmax, s.seqcache, s.seqcycle";

    private static String sequenceOptions(ResultSet rs, int first, boolean withType) throws SQLException {
        return (withType ? " AS " + rs.getString(first) : "")
                + " START WITH " + rs.getLong(first + 1)
                + " INCREMENT BY " + rs.getLong(first + 2)
                + " MINVALUE " + rs.getLong(first + 3)
                + " MAXVALUE " + rs.getLong(first + 4)
                + " CACHE " + rs.getLong(first + 5)
                + (rs.getBoolean(first + 6) ? " CYCLE" : " NO CYCLE");
    }

    /** {@code ALTER SEQUENCE ... OWNED BY} statements, attached to the owning table. */
    private Map<Long, List<String>> readOwnedSequences() throws SQLException {
        Map<Long, List<String>> owned = new HashMap<>();
        catalog.query("SELECT d.objid, d.refobjid, a.attname FROM pg_catalog.pg_depend d"
                + " JOIN pg_catalog.pg_class c ON c.oid = d.objid AND c.relkind = 'S'"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                + " WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass"
                + " AND d.deptype = 'a' AND d.refobjsubid > 0", rs -> {
                    Relation sequence = relations.get(rs.getLong(1));
                    Relation table = relations.get(rs.getLong(2));
                    if (sequence != null && table != null) {
                        owned.computeIfAbsent(table.oid, k -> new ArrayList<>())
                                .add("ALTER SEQUENCE " + sequence.name + " OWNED BY " + table.name + "." + Sql.ident(rs.getString(3)));
                        out.dependsOn(ref(table), ref(sequence));
                    }
                });
        return owned;
    }

    private Map<Long, Map<String, List<Grant>>> readColumnAcls() throws SQLException {
        Map<Long, Map<String, List<Grant>>> acls = new HashMap<>();
        catalog.query("SELECT a.attrelid, a.attname, r.rolname, x.grantee, x.privilege_type, x.is_grantable"
                + " FROM pg_catalog.pg_attribute a CROSS JOIN LATERAL pg_catalog.aclexplode(a.attacl) x"
                + " LEFT JOIN pg_catalog.pg_roles r ON r.oid = x.grantee"
                + " WHERE a.attacl IS NOT NULL AND a.attrelid >= " + Catalog.FIRST_NORMAL_OID
                + " ORDER BY 1, 2, x.grantee, x.privilege_type", rs -> acls
                        .computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                        .computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                        .add(new Grant(rs.getLong(4) == 0 ? null : rs.getString(3), rs.getString(5), rs.getBoolean(6))));
        return acls;
    }

    private static long identityKey(long table, int attnum) {
        return table * 10000 + attnum;
    }

    private static char firstChar(String s) {
        return s == null || s.isEmpty() ? ' ' : s.charAt(0);
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

        /** The object type in CREATE, ALTER and COMMENT statements, with a trailing space. */
        String keyword() {
            return kind == 'f' ? "FOREIGN TABLE " : "TABLE ";
        }
    }

    private static final class Column {
        int attnum;
        String name;
        String type;
        boolean notNull;
        char identity;
        char generated;
        String collation;
        String defaultExpr;
        boolean local;
        /** A per-column statistics target, or null for the default. */
        String statistics;
        /** A storage mode other than the type's (p, e, m, x), or null. */
        String storage;
        /** The column's type, or the base type of its domain. */
        long baseType;
        /** The column's type modifier, or its domain's; -1 for none. */
        int typmod;
        boolean binarySafe;
        /** The column's OPTIONS clause (foreign tables), or an empty string. */
        String foreignOptions;
    }
}
