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
import java.util.Set;
import java.util.stream.Collectors;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.WarningCodes;
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
    private final TableDefinition tables;
    private final int targetVersion;

    RelationReader(Catalog catalog, TargetRoles roles, SourceSchema out, int targetVersion, Set<ObjectRef> partsLeftOut) {
        this.catalog = catalog;
        this.roles = roles;
        this.out = out;
        this.targetVersion = targetVersion;
        this.columns = new ColumnReader(catalog, relations, partsLeftOut);
        this.sequences = new SequenceReader(catalog, relations, out);
        this.tables = new TableDefinition(columns, sequences, relations, parents, targetVersion, out.tablespaces);
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
        Map<Long, Long> viewRules = readViewRules();
        for (Relation r : relations.values()) {
            Statements s = new Statements(roles);
            switch (r.kind) {
                case 'r':
                case 'p':
                case 'f':
                    out.add(SchemaObject.preData(ref(r), r.kind == 'p' ? "partitioned table" : r.kind == 'f' ? "foreign table" : "table",
                            r.name, tableStatements(r, acls, Set.of())));
                    Map<ObjectRef, SchemaObject> parts = tableParts(r);
                    if (!parts.isEmpty()) {
                        out.separable.put(ref(r), new Separable(parts, separated -> tableStatements(r, acls, separated)));
                    }
                    parents.getOrDefault(r.oid, List.of()).forEach(p -> out.dependsOn(ref(r), ObjectRef.of(ObjectRef.PG_CLASS, p)));
                    if (r.kind == 'r') {
                        out.tables.add(new TableData(r.oid, r.name, r.schema, r.relname, copyColumns(r), null, r.size, r.rows,
                                integerKeys.get(r.oid)));
                    }
                    break;
                case 'S':
                    s.add("CREATE " + (r.persistence == 'u' ? "UNLOGGED " : "") + "SEQUENCE " + r.name + sequences.options(r.oid));
                    s.comment("SEQUENCE " + r.name, catalog.comment(ObjectRef.PG_CLASS, r.oid, 0));
                    s.owner("SEQUENCE " + r.name, r.owner);
                    s.privileges("SEQUENCE " + r.name, r.owner, acls.get(r.oid));
                    out.add(SchemaObject.preData(ref(r), "sequence", r.name, s.toList()));
                    break;
                case 'v':
                case 'm':
                    boolean matview = r.kind == 'm';
                    out.add(SchemaObject.preData(ref(r), matview ? "materialized view" : "view", r.name, viewStatements(r, acls, false)));
                    Long rule = viewRules.get(r.oid);
                    if (!matview && rule != null) {
                        ObjectRef query = ObjectRef.of(ObjectRef.PG_REWRITE, rule);
                        // CREATE OR REPLACE keeps the placeholder's columns and what was granted or said on them
                        SchemaObject definition = new SchemaObject(query, "view query", r.name, Placement.PRE_DATA, r.oid,
                                List.of("CREATE OR REPLACE VIEW " + r.name + withOptions(r) + " AS\n" + stripSemicolon(r.viewDefinition)));
                        out.separable.put(ref(r), new Separable(Map.of(query, definition), separated -> viewStatements(r, acls, true)));
                    }
                    if (matview && r.populated) {
                        out.matviewRefreshes.add("REFRESH MATERIALIZED VIEW " + r.name);
                    }
                    break;
                default:
                    break;
            }
        }
        if (!tables.inParentsOrder().isEmpty()) {
            out.warnings.add(MigrationWarning.of(WarningCodes.COLUMN_ORDER, "These inheritance children have a column generated from a column"
                    + " after it, which a target before PostgreSQL 17 cannot create in that order: their columns are in the order"
                    + " CREATE TABLE ... INHERITS gives, their parents' first, as pg_dump makes them.", tables.inParentsOrder()));
        }
    }

    private void columnPrivileges(Relation r, Statements s) {
        for (Column c : columns.of(r.oid)) {
            s.columnPrivileges("TABLE " + r.name, c.name, columns.acl(r.oid, c.name));
        }
    }

    /** A table's statements, without those of the CHECK constraints and column defaults in {@code separated}. */
    private List<String> tableStatements(Relation r, Map<Long, List<Grant>> acls, Set<ObjectRef> separated) {
        Statements s = new Statements(roles);
        tables.statements(r, separated).forEach(s::add);
        columnSettings(r, s);
        commentsOnColumnsAndChecks(r, s, separated);
        s.comment(r.keyword() + r.name, catalog.comment(ObjectRef.PG_CLASS, r.oid, 0));
        s.owner(r.keyword() + r.name, r.owner);
        // a sequence can only be linked to a table of the same owner: after ALTER ... OWNER
        sequences.ownedBy(r.oid).forEach(s::add);
        s.privileges("TABLE " + r.name, r.owner, acls.get(r.oid));
        // identity sequences come with the table; only their privileges need restoring
        for (String[] sequence : sequences.identitySequences(r.oid)) {
            s.privileges("SEQUENCE " + sequence[1], r.owner, acls.get(Long.parseLong(sequence[0])));
        }
        identityPersistence(r, s);
        columnPrivileges(r, s);
        return s.toList();
    }

    /** A table's own CHECK constraints and column defaults, each as the object that adds it to the table on its own. */
    private Map<ObjectRef, SchemaObject> tableParts(Relation r) {
        Map<ObjectRef, SchemaObject> parts = new LinkedHashMap<>();
        for (ColumnReader.Check check : columns.checks(r.oid)) {
            if (!check.local()) {
                continue; // the parent's comes with the parent's
            }
            String name = Sql.ident(check.name()) + " ON " + r.name;
            // without ONLY, as in CREATE TABLE: the children have it too
            Statements s = new Statements(roles).add("ALTER " + r.keyword() + r.name + " ADD " + check.clause())
                    .comment("CONSTRAINT " + name, check.comment());
            parts.put(check.ref(), new SchemaObject(check.ref(), "check constraint", name, Placement.PRE_DATA, r.oid, s.toList()));
        }
        for (Column c : columns.of(r.oid)) {
            if (TableDefinition.hasDefault(c)) {
                String column = r.name + "." + Sql.ident(c.name);
                parts.put(TableDefinition.defaultRef(c), new SchemaObject(TableDefinition.defaultRef(c), "column default", column,
                        Placement.PRE_DATA, r.oid, List.of("ALTER " + r.keyword() + "ONLY " + r.name + " ALTER COLUMN " + Sql.ident(c.name)
                        + " SET DEFAULT " + c.defaultExpr)));
            }
        }
        return parts;
    }

    /**
     * A view's or materialized view's statements; with {@code placeholder}, a view whose query is
     * created later (see {@link Separable}) selects typed NULLs of its columns' names instead, as pg_dump's does.
     */
    private List<String> viewStatements(Relation r, Map<Long, List<Grant>> acls, boolean placeholder) {
        boolean matview = r.kind == 'm';
        String keyword = matview ? "MATERIALIZED VIEW " : "VIEW ";
        Statements s = new Statements(roles);
        if (placeholder) {
            s.add("CREATE VIEW " + r.name + " AS\nSELECT " + columns.of(r.oid).stream()
                    .map(c -> "NULL::" + c.type + (c.collation == null ? "" : " COLLATE " + c.collation) + " AS " + Sql.ident(c.name))
                    .collect(Collectors.joining(",\n    ")));
        } else {
            s.add("CREATE " + keyword + r.name + using(r) + withOptions(r) + out.tablespaces.clause(r.tablespace) + " AS\n"
                    + stripSemicolon(r.viewDefinition) + (matview ? "\nWITH NO DATA" : ""));
        }
        if (matview) {
            columnSettings(r, s);
        } else {
            viewDefaults(r, s);
        }
        commentsOnColumnsAndChecks(r, s, Set.of());
        s.comment(keyword + r.name, catalog.comment(ObjectRef.PG_CLASS, r.oid, 0));
        s.owner(keyword + r.name, r.owner);
        s.privileges("TABLE " + r.name, r.owner, acls.get(r.oid));
        columnPrivileges(r, s);
        return s.toList();
    }

    /** The {@code _RETURN} rule of each view, by view. */
    private Map<Long, Long> readViewRules() throws SQLException {
        Map<Long, Long> rules = new HashMap<>();
        catalog.query("SELECT ev_class, oid FROM pg_catalog.pg_rewrite WHERE rulename = '_RETURN' AND ev_class >= " + Catalog.FIRST_NORMAL_OID,
                rs -> rules.put(rs.getLong(1), rs.getLong(2)));
        return rules;
    }

    static ObjectRef ref(Relation r) {
        return ObjectRef.of(ObjectRef.PG_CLASS, r.oid);
    }

    /** Per-column settings of a table or materialized view: statistics target, storage, compression, options. */
    private void columnSettings(Relation r, Statements s) {
        String relation = r.kind == 'm' ? "MATERIALIZED VIEW " : r.keyword() + "ONLY ";
        for (Column c : columns.of(r.oid)) {
            String column = "ALTER " + relation + r.name + " ALTER COLUMN " + Sql.ident(c.name);
            if (c.statistics != null) {
                s.add(column + " SET STATISTICS " + Integer.parseInt(c.statistics));
            }
            if (c.storage != null) {
                s.add(column + " SET STORAGE " + STORAGE.get(c.storage));
            }
            if (c.compression != null) {
                s.add(column + " SET COMPRESSION " + COMPRESSION.get(c.compression));
            }
            if (!c.options.isEmpty()) {
                s.add(column + " SET (" + String.join(", ", c.options) + ")");
            }
        }
    }

    private static final Map<String, String> STORAGE = Map.of("p", "PLAIN", "e", "EXTERNAL", "m", "MAIN", "x", "EXTENDED");
    private static final Map<String, String> COMPRESSION = Map.of("p", "pglz", "l", "lz4");

    /** The defaults of a view's columns, used by INSERT and UPDATE through it. */
    private void viewDefaults(Relation r, Statements s) {
        for (Column c : columns.of(r.oid)) {
            if (c.defaultExpr != null) {
                s.add("ALTER VIEW " + r.name + " ALTER COLUMN " + Sql.ident(c.name) + " SET DEFAULT " + c.defaultExpr);
            }
        }
    }

    /**
     * An identity sequence is created logged or unlogged with its table (15+); one whose
     * persistence is not its table's is set apart, as on the source.
     */
    private void identityPersistence(Relation r, Statements s) {
        if (targetVersion < 150000) {
            return;
        }
        char created = r.persistence == 'u' && r.kind != 'p' ? 'u' : 'p';
        for (String[] sequence : sequences.identitySequences(r.oid)) {
            char persistence = sequence[2].charAt(0);
            if (persistence != created) {
                s.add("ALTER SEQUENCE " + sequence[1] + (persistence == 'u' ? " SET UNLOGGED" : " SET LOGGED"));
            }
        }
    }

    private void commentsOnColumnsAndChecks(Relation r, Statements s, Set<ObjectRef> separated) {
        for (Column c : columns.of(r.oid)) {
            s.comment("COLUMN " + r.name + "." + Sql.ident(c.name), catalog.comment(ObjectRef.PG_CLASS, r.oid, c.attnum));
            NotNullConstraint notNull = c.notNullConstraint;
            if (notNull != null && notNull.valid()) {
                s.comment("CONSTRAINT " + Sql.ident(notNull.name()) + " ON " + r.name, notNull.comment());
            }
        }
        // CHECK constraints created with the table have no statement of their own to carry their comment
        for (ColumnReader.Check check : columns.checks(r.oid)) {
            if (!separated.contains(check.ref())) {
                s.comment("CONSTRAINT " + Sql.ident(check.name()) + " ON " + r.name, check.comment());
            }
        }
    }

    private List<TableColumn> copyColumns(Relation r) {
        return columns.of(r.oid).stream()
                .filter(c -> !c.isGenerated())
                .map(c -> TableColumn.of(Sql.ident(c.name), c.type, c.baseType, c.typmod, c.binarySafe, c.send))
                .toList();
    }

    static String using(Relation r) {
        return r.accessMethod == null ? "" : " USING " + r.accessMethod;
    }

    static String withOptions(Relation r) {
        return r.options.isEmpty() ? "" : " WITH (" + String.join(", ", r.options) + ")";
    }

    private static String stripSemicolon(String definition) {
        String d = definition.strip();
        return d.endsWith(";") ? d.substring(0, d.length() - 1) : d;
    }

    private void readRelations() throws SQLException {
        catalog.query("SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence, pg_catalog.pg_get_userbyid(c.relowner),"
                + " ARRAY(SELECT pg_catalog.quote_ident(o.option_name) || '=' || pg_catalog.quote_literal(o.option_value)"
                + "       FROM pg_catalog.pg_options_to_table(c.reloptions) o"
                // the storage parameters of its TOAST table, which CREATE TABLE takes as toast.*
                + "       UNION ALL SELECT 'toast.' || pg_catalog.quote_ident(o.option_name) || '=' || pg_catalog.quote_literal(o.option_value)"
                + "       FROM pg_catalog.pg_class t, pg_catalog.pg_options_to_table(t.reloptions) o WHERE t.oid = c.reltoastrelid),"
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
                + " CASE WHEN c.reloftype <> 0 THEN pg_catalog.format_type(c.reloftype, NULL) END,"
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
                    r.ofType = rs.getString(17);
                    r.tablespace = rs.getString(18);
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
        /** For a typed table ({@code OF type}): its type, qualified; else null. */
        String ofType;
        /** The name of its tablespace on the source, null for the database's default. */
        String tablespace;

        /** The object type in CREATE, ALTER and COMMENT statements, with a trailing space. */
        String keyword() {
            return kind == 'f' ? "FOREIGN TABLE " : "TABLE ";
        }
    }


}
