package org.pgmigrate.engine.internal.schema;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pgmigrate.engine.internal.jdbc.Sql;
import org.pgmigrate.engine.internal.schema.RelationReader.Relation;

/**
 * The columns of the relations read (with their NOT NULL constraints on 18+), their valid CHECK
 * constraints and their column privileges.
 */
final class ColumnReader {
    private final Catalog catalog;
    private final Map<Long, Relation> relations;
    private final Map<Long, List<Column>> columns = new HashMap<>();
    private final Map<Long, List<String>> inlineChecks = new HashMap<>();
    /** Comments on the CHECK constraints of inlineChecks, per table: {"CONSTRAINT name ON ", literal}. */
    private final Map<Long, List<String[]>> inlineCheckComments = new HashMap<>();
    private final Map<Long, Map<String, List<Grant>>> columnAcls = new HashMap<>();
    /** Defaults and CHECK constraints the tables are created without (see {@link SchemaReader.Options#partsLeftOut()}). */
    private final Set<ObjectRef> leftOut;

    ColumnReader(Catalog catalog, Map<Long, Relation> relations, Set<ObjectRef> leftOut) {
        this.catalog = catalog;
        this.relations = relations;
        this.leftOut = leftOut;
    }

    void read() throws SQLException {
        readColumns();
        readChecks();
        readColumnAcls();
    }

    /** The columns of a relation, in order. */
    List<Column> of(long relation) {
        return columns.getOrDefault(relation, List.of());
    }

    /** The valid local CHECK constraints of a table, as CREATE TABLE elements. */
    List<String> inlineChecks(long relation) {
        return inlineChecks.getOrDefault(relation, List.of());
    }

    /** Comments on {@link #inlineChecks}: {"CONSTRAINT name ON ", literal}. */
    List<String[]> inlineCheckComments(long relation) {
        return inlineCheckComments.getOrDefault(relation, List.of());
    }

    /** The privileges granted on a column, or null for none. */
    List<Grant> acl(long relation, String column) {
        return columnAcls.getOrDefault(relation, Map.of()).get(column);
    }

    private void readColumns() throws SQLException {
        String generated = catalog.version() >= 120000 ? "a.attgenerated" : "''";
        // from 18 a column's NOT NULL is a constraint of its own, with a name
        boolean notNullConstraints = catalog.version() >= 180000;
        String notNull = notNullConstraints ? "nn.oid, nn.conname, nn.convalidated, nn.connoinherit, nn.conislocal" : "NULL, NULL, NULL, NULL, NULL";
        String notNullJoin = notNullConstraints ? " LEFT JOIN pg_catalog.pg_constraint nn ON nn.conrelid = a.attrelid AND nn.contype = 'n'"
                + " AND nn.conkey = ARRAY[a.attnum]" : "";
        catalog.query("SELECT a.attrelid, a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                + " a.attidentity, " + generated + ","
                + " " + SchemaFilter.collationUnlessDefault("a.attcollation", "t.typcollation") + ","
                + " pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), a.attislocal,"
                + " CASE WHEN a.attstattarget >= 0 THEN a.attstattarget END,"
                + " CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END,"
                + " CASE WHEN t.typbasetype <> 0 THEN t.typbasetype ELSE t.oid END,"
                + " (CASE WHEN t.typbasetype <> 0 THEN t.typbasetype ELSE t.oid END) < " + Catalog.FIRST_NORMAL_OID + " OR t.typtype = 'e',"
                + " " + ForeignDataReader.options("a.attfdwoptions") + ","
                + " CASE WHEN t.typbasetype <> 0 THEN t.typtypmod ELSE a.atttypmod END, " + notNull + ", ad.oid"
                + " FROM pg_catalog.pg_attribute a"
                + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation"
                + " LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace"
                + " LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum" + notNullJoin
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
                    // a default left out is a plain one: a generated column's expression takes its table with it
                    c.defaultExpr = leftOut.contains(ObjectRef.of(ObjectRef.PG_ATTRDEF, rs.getLong(22))) ? null : rs.getString(9);
                    c.local = rs.getBoolean(10);
                    c.statistics = rs.getString(11);
                    c.storage = rs.getString(12);
                    c.baseType = rs.getLong(13);
                    c.binarySafe = rs.getBoolean(14);
                    c.foreignOptions = rs.getString(15);
                    c.typmod = rs.getInt(16);
                    if (rs.getString(18) != null) {
                        c.notNullConstraint = new NotNullConstraint(rs.getLong(17), rs.getString(18), rs.getBoolean(19), rs.getBoolean(20),
                                rs.getBoolean(21), catalog.comment(ObjectRef.PG_CONSTRAINT, rs.getLong(17), 0));
                    }
                    columns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(c);
                });
    }

    /** Valid CHECK constraints go into CREATE TABLE; NOT VALID ones after the data (see ConstraintReader). */
    private void readChecks() throws SQLException {
        catalog.query("SELECT conrelid, conname, pg_catalog.pg_get_constraintdef(oid), oid FROM pg_catalog.pg_constraint"
                + " WHERE contype = 'c' AND conrelid <> 0 AND conislocal AND convalidated ORDER BY conrelid, conname", rs -> {
                    if (relations.containsKey(rs.getLong(1)) && !leftOut.contains(ObjectRef.of(ObjectRef.PG_CONSTRAINT, rs.getLong(4)))) {
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

    private void readColumnAcls() throws SQLException {
        catalog.query("SELECT a.attrelid, a.attname, r.rolname, x.grantee, x.privilege_type, x.is_grantable"
                + " FROM pg_catalog.pg_attribute a CROSS JOIN LATERAL pg_catalog.aclexplode(a.attacl) x"
                + " LEFT JOIN pg_catalog.pg_roles r ON r.oid = x.grantee"
                + " WHERE a.attacl IS NOT NULL AND a.attrelid >= " + Catalog.FIRST_NORMAL_OID
                + " ORDER BY 1, 2, x.grantee, x.privilege_type", rs -> columnAcls
                        .computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                        .computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                        .add(new Grant(rs.getLong(4) == 0 ? null : rs.getString(3), rs.getString(5), rs.getBoolean(6))));
    }

    private static char firstChar(String s) {
        return s == null || s.isEmpty() ? ' ' : s.charAt(0);
    }

    /** A column as read from pg_attribute. */
    static final class Column {
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
        /** Its NOT NULL constraint (18+), or null: before 18 {@link #notNull} is all there is. */
        NotNullConstraint notNullConstraint;

        /** Whether a valid NOT NULL holds, on any major (from 18 {@code attnotnull} is set for NOT VALID ones too). */
        boolean validNotNull() {
            return notNullConstraint == null ? notNull : notNullConstraint.valid();
        }

        /** Whether its value is computed (stored or virtual), so not copied. */
        boolean isGenerated() {
            return generated != ' ';
        }
    }
}
