package org.pgmigrate.engine.internal.schema;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pgmigrate.engine.internal.jdbc.Sql;
import org.pgmigrate.engine.internal.schema.RelationReader.Relation;

/**
 * What hangs off a table and is built after its rows are in: indexes, primary key, unique and
 * exclusion constraints, foreign keys, NOT VALID checks, triggers, rules, row-level security
 * and extended statistics.
 */
final class TableObjectReader {
    private final Catalog catalog;
    private final TargetRoles roles;
    private final SourceSchema out;
    private final Map<Long, Relation> relations;
    private final int targetVersion;

    TableObjectReader(Catalog catalog, TargetRoles roles, SourceSchema out, Map<Long, Relation> relations, int targetVersion) {
        this.catalog = catalog;
        this.roles = roles;
        this.out = out;
        this.relations = relations;
        this.targetVersion = targetVersion;
    }

    void read() throws SQLException {
        readIndexes();
        readConstraints();
        readTriggers();
        readRules();
        readRowSecurity();
        readStatistics();
    }

    private void readIndexes() throws SQLException {
        Map<Long, String> indexNames = new HashMap<>();
        List<Object[]> rows = new ArrayList<>();
        catalog.query("SELECT i.indexrelid, i.indrelid, n.nspname, ic.relname, pg_catalog.pg_get_indexdef(i.indexrelid),"
                + " i.indisclustered, i.indisreplident,"
                + " (SELECT h.inhparent FROM pg_catalog.pg_inherits h WHERE h.inhrelid = i.indexrelid),"
                + " con.oid, con.conname, pg_catalog.pg_get_constraintdef(con.oid), con.contype, con.condeferrable, con.condeferred,"
                + (catalog.version() >= 180000 ? " con.conperiod," : " false,") + inheritedNotNullInKey() + ","
                + " (SELECT t.spcname FROM pg_catalog.pg_tablespace t WHERE t.oid = ic.reltablespace), pg_catalog.pg_get_expr(i.indpred, i.indrelid)"
                + " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace"
                + " LEFT JOIN pg_catalog.pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid"
                + "      AND con.contype IN ('p', 'u', 'x')"
                + " WHERE i.indrelid >= " + Catalog.FIRST_NORMAL_OID
                + " ORDER BY i.indrelid, ic.relname", rs -> {
                    indexNames.put(rs.getLong(1), Sql.qualified(rs.getString(3), rs.getString(4)));
                    rows.add(new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(5), rs.getBoolean(6), rs.getBoolean(7),
                        rs.getObject(8), rs.getObject(9), rs.getString(10), rs.getString(11), rs.getString(4),
                        rs.getString(12), rs.getBoolean(13), rs.getBoolean(14), rs.getBoolean(15), rs.getBoolean(16), rs.getString(17),
                        rs.getString(18)});
                });
        for (Object[] row : rows) {
            long indexOid = (Long) row[0];
            Relation table = relations.get((Long) row[1]);
            if (table == null) {
                continue;
            }
            String indexName = indexNames.get(indexOid);
            Statements s = new Statements(roles);
            String kind = "index";
            String definition = out.tablespaces.indexDefinition((String) row[2], (String) row[16], (String) row[15]);
            if (row[6] != null) {
                long constraintOid = ((Number) row[6]).longValue();
                String type = (String) row[10];
                // an exclusion constraint, or a key WITHOUT OVERLAPS (18), has no USING INDEX form; and
                // from 18 a primary key USING INDEX makes the NOT NULL constraints of its columns the
                // table's own, also those it only inherits, where ADD PRIMARY KEY (columns) leaves them be
                boolean usingIndex = !type.equals("x") && !(Boolean) row[13]
                        && !(type.equals("p") && targetVersion >= 180000 && (Boolean) row[14]);
                if (usingIndex && table.kind != 'p') {
                    // build the unique index like any other (in parallel with the table's other
                    // indexes), then make it the constraint, which then only takes a moment
                    s.add(definition);
                    s.add("ALTER TABLE ONLY " + table.name + " ADD CONSTRAINT " + Sql.ident((String) row[7])
                            + (type.equals("p") ? " PRIMARY KEY" : " UNIQUE") + " USING INDEX " + Sql.ident((String) row[9])
                            + ((Boolean) row[11] ? " DEFERRABLE" : "") + ((Boolean) row[12] ? " INITIALLY DEFERRED" : ""));
                } else {
                    // the constraint's definition has no place for its index's tablespace
                    out.tablespaces.aroundConstraint("ALTER TABLE ONLY " + table.name + " ADD CONSTRAINT " + Sql.ident((String) row[7])
                            + " " + row[8], (String) row[15]).forEach(s::add);
                }
                s.comment("CONSTRAINT " + Sql.ident((String) row[7]) + " ON " + table.name,
                        catalog.comment(ObjectRef.PG_CONSTRAINT, constraintOid, 0));
                kind = "constraint";
            } else {
                s.add(definition);
            }
            s.comment("INDEX " + indexName, catalog.comment(ObjectRef.PG_CLASS, indexOid, 0));
            if (row[5] != null) {
                String parent = indexNames.get(((Number) row[5]).longValue());
                if (parent != null) {
                    s.add("ALTER INDEX " + parent + " ATTACH PARTITION " + indexName);
                }
            }
            if ((Boolean) row[3]) {
                s.add("ALTER TABLE " + table.name + " CLUSTER ON " + Sql.ident((String) row[9]));
            }
            if ((Boolean) row[4]) {
                s.add("ALTER TABLE " + table.name + " REPLICA IDENTITY USING INDEX " + Sql.ident((String) row[9]));
            }
            out.add(new SchemaObject(ObjectRef.of(ObjectRef.PG_CLASS, indexOid), kind, indexName, indexPlacement(table), table.oid, s.toList()));
        }
    }

    /**
     * Whether a key column's NOT NULL comes from a parent only (a partition's, or an inherited
     * column's): from 18 the table's NOT NULL constraint on it is inherited, not its own.
     */
    private String inheritedNotNullInKey() {
        if (catalog.version() >= 180000) {
            return " con.contype = 'p' AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint nn WHERE nn.conrelid = i.indrelid"
                    + " AND nn.contype = 'n' AND NOT nn.conislocal AND nn.conkey[1] = ANY (con.conkey))";
        }
        // an older source has NOT NULL flags only; 18 gives the child the parent's, unless the child declares the column
        return " con.contype = 'p' AND EXISTS (SELECT 1 FROM pg_catalog.pg_inherits h"
                + " JOIN pg_catalog.pg_attribute pa ON pa.attrelid = h.inhparent AND pa.attnotnull"
                + " JOIN pg_catalog.pg_attribute ca ON ca.attrelid = h.inhrelid AND ca.attname = pa.attname"
                + " WHERE h.inhrelid = i.indrelid AND NOT ca.attislocal AND ca.attnum = ANY (con.conkey))";
    }

    private Placement indexPlacement(Relation table) {
        switch (table.kind) {
            case 'p':
                return Placement.PARTITIONED_PARENT;
            case 'm':
                return Placement.MATVIEW_POST_DATA;
            default:
                return Placement.TABLE_POST_DATA;
        }
    }

    /** Where objects that are neither indexes nor foreign keys go for this relation. */
    private Placement objectPlacement(Relation table) {
        return table.kind == 'r' ? Placement.TABLE_POST_DATA : Placement.AFTER_ALL_DATA;
    }

    /**
     * Foreign keys, and the CHECK and NOT NULL (18) constraints that are NOT VALID (or NOT
     * ENFORCED): those are added without ONLY, so the children get them as the source's did.
     */
    private void readConstraints() throws SQLException {
        catalog.query("SELECT con.oid, con.conrelid, con.conname, con.contype, pg_catalog.pg_get_constraintdef(con.oid),"
                + VALIDATED_IN_CHILDREN
                + " FROM pg_catalog.pg_constraint con WHERE con.conrelid >= " + Catalog.FIRST_NORMAL_OID
                + " AND ((con.contype = 'f' AND con.conparentid = 0)"
                + "      OR (con.contype IN ('c', 'n') AND NOT con.convalidated AND con.conislocal))"
                + " ORDER BY con.conrelid, con.conname", rs -> {
                    Relation table = relations.get(rs.getLong(2));
                    if (table == null) {
                        return;
                    }
                    String name = Sql.ident(rs.getString(3));
                    Statements s = new Statements(roles)
                            .add("ALTER TABLE " + table.name + " ADD CONSTRAINT " + name + " " + rs.getString(5));
                    for (String child : RelationReader.strings(rs.getArray(6))) {
                        s.add("ALTER TABLE ONLY " + child + " VALIDATE CONSTRAINT " + name);
                    }
                    s.comment("CONSTRAINT " + name + " ON " + table.name, catalog.comment(ObjectRef.PG_CONSTRAINT, rs.getLong(1), 0));
                    String type = rs.getString(4);
                    boolean foreignKey = type.equals("f");
                    out.add(new SchemaObject(ObjectRef.of(ObjectRef.PG_CONSTRAINT, rs.getLong(1)),
                            foreignKey ? "foreign key" : type.equals("n") ? "not-null constraint" : "check constraint",
                            name + " ON " + table.name, foreignKey ? Placement.FOREIGN_KEY : objectPlacement(table), table.oid, s.toList()));
                });
    }

    /**
     * The children whose inherited copy of a NOT VALID constraint is valid (a child created after
     * the constraint was added to its parent), to be validated there once the parent has it.
     */
    private static final String VALIDATED_IN_CHILDREN = " ARRAY(SELECT pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(cc.relname)"
            + "   FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_constraint cv ON cv.conrelid = i.inhrelid"
            + "   JOIN pg_catalog.pg_class cc ON cc.oid = i.inhrelid JOIN pg_catalog.pg_namespace cn ON cn.oid = cc.relnamespace"
            + "   WHERE NOT con.convalidated AND i.inhparent = con.conrelid AND cv.conname = con.conname AND cv.contype = con.contype"
            + "   AND cv.convalidated AND NOT cv.conislocal ORDER BY 1)";

    private void readTriggers() throws SQLException {
        TriggerClones clones = TriggerClones.read(catalog);
        String notCloned = catalog.version() >= 130000 ? " AND t.tgparentid = 0" : "";
        catalog.query("SELECT t.oid, t.tgrelid, t.tgname, pg_catalog.pg_get_triggerdef(t.oid), t.tgenabled"
                + " FROM pg_catalog.pg_trigger t WHERE NOT t.tgisinternal AND t.tgrelid >= " + Catalog.FIRST_NORMAL_OID + notCloned
                + " ORDER BY t.tgrelid, t.tgname", rs -> {
                    Relation table = relations.get(rs.getLong(2));
                    if (table == null) {
                        return;
                    }
                    String name = Sql.ident(rs.getString(3));
                    Statements s = new Statements(roles).add(rs.getString(4));
                    String state = enabledState(rs.getString(5));
                    if (state != null) {
                        s.add("ALTER TABLE " + table.name + " " + state + " TRIGGER " + name);
                    }
                    clones.statements(rs.getLong(1), relations).forEach(s::add);
                    s.comment("TRIGGER " + name + " ON " + table.name, catalog.comment(ObjectRef.PG_TRIGGER, rs.getLong(1), 0));
                    out.add(new SchemaObject(ObjectRef.of(ObjectRef.PG_TRIGGER, rs.getLong(1)), "trigger", name + " ON " + table.name,
                            objectPlacement(table), table.oid, s.toList()));
                });
    }

    private void readRules() throws SQLException {
        catalog.query("SELECT r.oid, r.ev_class, r.rulename, pg_catalog.pg_get_ruledef(r.oid), r.ev_enabled"
                + " FROM pg_catalog.pg_rewrite r WHERE r.rulename <> '_RETURN' AND r.ev_class >= " + Catalog.FIRST_NORMAL_OID
                + " ORDER BY r.ev_class, r.rulename", rs -> {
                    Relation table = relations.get(rs.getLong(2));
                    if (table == null) {
                        return;
                    }
                    String name = Sql.ident(rs.getString(3));
                    String definition = rs.getString(4).strip();
                    if (definition.endsWith(";")) {
                        definition = definition.substring(0, definition.length() - 1);
                    }
                    Statements s = new Statements(roles).add(definition);
                    String state = enabledState(rs.getString(5));
                    if (state != null) {
                        s.add("ALTER TABLE " + table.name + " " + state + " RULE " + name);
                    }
                    s.comment("RULE " + name + " ON " + table.name, catalog.comment(ObjectRef.PG_REWRITE, rs.getLong(1), 0));
                    out.add(new SchemaObject(ObjectRef.of(ObjectRef.PG_REWRITE, rs.getLong(1)), "rule", name + " ON " + table.name,
                            objectPlacement(table), table.oid, s.toList()));
                });
    }

    /** ALTER TABLE keywords for a trigger's or rule's firing state, null for the default (enabled, origin). */
    static String enabledState(String code) {
        switch (code) {
            case "D":
                return "DISABLE";
            case "R":
                return "ENABLE REPLICA";
            case "A":
                return "ENABLE ALWAYS";
            default:
                return null;
        }
    }

    private void readRowSecurity() throws SQLException {
        catalog.query("SELECT c.oid, c.relrowsecurity, c.relforcerowsecurity, c.relreplident FROM pg_catalog.pg_class c"
                + " WHERE c.oid >= " + Catalog.FIRST_NORMAL_OID
                + " AND (c.relrowsecurity OR c.relforcerowsecurity OR (c.relkind IN ('r', 'p') AND c.relreplident IN ('f', 'n')))", rs -> {
                    Relation table = relations.get(rs.getLong(1));
                    if (table == null) {
                        return;
                    }
                    Statements s = new Statements(roles);
                    if (rs.getBoolean(2)) {
                        s.add("ALTER TABLE " + table.name + " ENABLE ROW LEVEL SECURITY");
                    }
                    if (rs.getBoolean(3)) {
                        s.add("ALTER TABLE " + table.name + " FORCE ROW LEVEL SECURITY");
                    }
                    String identity = rs.getString(4);
                    if (identity.equals("f") || identity.equals("n")) {
                        s.add("ALTER TABLE " + table.name + " REPLICA IDENTITY " + (identity.equals("f") ? "FULL" : "NOTHING"));
                    }
                    out.add(new SchemaObject(ObjectRef.of(ObjectRef.PG_CLASS, table.oid), "table setting", table.name,
                            objectPlacement(table), table.oid, s.toList()));
                });
        catalog.query("SELECT p.oid, p.polrelid, p.polname, p.polcmd, p.polpermissive,"
                + " ARRAY(SELECT pg_catalog.pg_get_userbyid(r) FROM pg_catalog.unnest(p.polroles) r WHERE r <> 0),"
                + " 0 = ANY (p.polroles),"
                + " pg_catalog.pg_get_expr(p.polqual, p.polrelid), pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid)"
                + " FROM pg_catalog.pg_policy p ORDER BY p.polrelid, p.polname", rs -> {
                    Relation table = relations.get(rs.getLong(2));
                    if (table == null) {
                        return;
                    }
                    String name = Sql.ident(rs.getString(3));
                    List<String> to = new ArrayList<>();
                    if (rs.getBoolean(7)) {
                        to.add("PUBLIC");
                    }
                    boolean missingRole = false;
                    for (String sourceRole : RelationReader.strings(rs.getArray(6))) {
                        String role = roles.name(sourceRole, "POLICY " + name + " ON " + table.name);
                        if (role != null) {
                            to.add(Sql.ident(role));
                        } else {
                            missingRole = true;
                        }
                    }
                    if (missingRole && to.isEmpty()) {
                        return;
                    }
                    StringBuilder sql = new StringBuilder("CREATE POLICY " + name + " ON " + table.name);
                    sql.append(rs.getBoolean(5) ? " AS PERMISSIVE" : " AS RESTRICTIVE");
                    sql.append(" FOR ").append(policyCommand(rs.getString(4)));
                    sql.append(" TO ").append(String.join(", ", to));
                    if (rs.getString(8) != null) {
                        sql.append(" USING (").append(rs.getString(8)).append(')');
                    }
                    if (rs.getString(9) != null) {
                        sql.append(" WITH CHECK (").append(rs.getString(9)).append(')');
                    }
                    Statements s = new Statements(roles).add(sql.toString())
                            .comment("POLICY " + name + " ON " + table.name, catalog.comment(ObjectRef.PG_POLICY, rs.getLong(1), 0));
                    out.add(new SchemaObject(ObjectRef.of(ObjectRef.PG_POLICY, rs.getLong(1)), "policy", name + " ON " + table.name,
                            objectPlacement(table), table.oid, s.toList()));
                });
    }

    private static String policyCommand(String code) {
        switch (code) {
            case "r":
                return "SELECT";
            case "a":
                return "INSERT";
            case "w":
                return "UPDATE";
            case "d":
                return "DELETE";
            default:
                return "ALL";
        }
    }

    private static String statisticsKinds(String codes) {
        List<String> kinds = new ArrayList<>();
        for (String code : codes.split(",")) {
            switch (code) {
                case "d":
                    kinds.add("ndistinct");
                    break;
                case "f":
                    kinds.add("dependencies");
                    break;
                case "m":
                    kinds.add("mcv");
                    break;
                default:
                    break;
            }
        }
        return String.join(", ", kinds);
    }

    private void readStatistics() throws SQLException {
        catalog.query("SELECT s.oid, s.stxrelid, pg_catalog.pg_get_statisticsobjdef(s.oid), n.nspname, s.stxname,"
                + " pg_catalog.pg_get_userbyid(s.stxowner),"
                + " 'CREATE STATISTICS ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(s.stxname) || ' ON ',"
                + " pg_catalog.array_to_string(s.stxkind, ',')"
                + " FROM pg_catalog.pg_statistic_ext s JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace"
                + " WHERE " + Dependencies.notMember("pg_statistic_ext", "s.oid") + " ORDER BY 4, 5", rs -> {
                    Relation table = relations.get(rs.getLong(2));
                    if (table == null) {
                        return;
                    }
                    String name = Sql.qualified(rs.getString(4), rs.getString(5));
                    String definition = rs.getString(3);
                    if (catalog.version() < 120000 && definition.startsWith(rs.getString(7))) {
                        // 11 leaves out the kinds when all of its kinds are built; newer servers have more kinds
                        definition = rs.getString(7).substring(0, rs.getString(7).length() - 4) + " (" + statisticsKinds(rs.getString(8))
                                + ") ON " + definition.substring(rs.getString(7).length());
                    }
                    Statements s = new Statements(roles).add(definition)
                            .comment("STATISTICS " + name, catalog.comment(ObjectRef.PG_STATISTIC_EXT, rs.getLong(1), 0))
                            .owner("STATISTICS " + name, rs.getString(6));
                    out.add(new SchemaObject(ObjectRef.of(ObjectRef.PG_STATISTIC_EXT, rs.getLong(1)), "statistics", name,
                            objectPlacement(table), table.oid, s.toList()));
                });
    }
}
