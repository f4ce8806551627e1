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
    private final Map<Long, List<Check>> checks = new HashMap<>();
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

    /**
     * The valid CHECK constraints of a table that are created with it: its own and those it
     * inherits, less those it only inherits from a NOT VALID one (added with the parent's, later).
     */
    List<Check> checks(long relation) {
        return checks.getOrDefault(relation, List.of());
    }

    /** The column of a relation of that name, or null. */
    Column named(long relation, String name) {
        for (Column c : of(relation)) {
            if (c.name.equals(name)) {
                return c;
            }
        }
        return null;
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
        String compression = catalog.version() >= 140000 ? "NULLIF(a.attcompression, '')" : "NULL";
        String notNullJoin = notNullConstraints ? " LEFT JOIN pg_catalog.pg_constraint nn ON nn.conrelid = a.attrelid AND nn.contype = 'n'"
                + " AND nn.conkey = ARRAY[a.attnum]" : "";
        catalog.query("SELECT a.attrelid, a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                + " a.attidentity, " + generated + ","
                + " " + SchemaFilter.collationUnlessDefault("a.attcollation", "t.typcollation") + ","
                + " pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), a.attislocal,"
                + " CASE WHEN a.attstattarget >= 0 THEN a.attstattarget END,"
                + " CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END,"
                + " CASE WHEN t.typbasetype <> 0 THEN t.typbasetype ELSE t.oid END,"
                + " ((CASE WHEN t.typbasetype <> 0 THEN t.typbasetype ELSE t.oid END) < " + Catalog.FIRST_NORMAL_OID + " OR t.typtype = 'e')"
                // a type without binary I/O (aclitem), or an array of one, travels as text; so do the
                // reg* types (regclass...), whose binary form is an OID of the server that sent it
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type b LEFT JOIN pg_catalog.pg_type e ON e.oid = b.typelem AND b.typlen = -1"
                + "   WHERE b.oid = (CASE WHEN t.typbasetype <> 0 THEN t.typbasetype ELSE t.oid END)"
                + "   AND (b.typreceive = 0 OR b.typsend = 0 OR e.typreceive = 0 OR e.typsend = 0"
                + "        OR (b.typnamespace = 11 AND b.typname LIKE 'reg%') OR (e.typnamespace = 11 AND e.typname LIKE 'reg%'))),"
                + " " + ForeignDataReader.options("a.attfdwoptions") + ","
                + " CASE WHEN t.typbasetype <> 0 THEN t.typtypmod ELSE a.atttypmod END, " + notNull + ","
                + " " + compression + ","
                // pg_attver is an option zonky's builds of 18 give every column, which no statement can set
                + " ARRAY(SELECT pg_catalog.quote_ident(o.option_name) || '=' || pg_catalog.quote_literal(o.option_value)"
                + "       FROM pg_catalog.pg_options_to_table(a.attoptions) o WHERE o.option_name <> 'pg_attver'),"
                + " " + referencesLater() + ", ad.oid,"
                + " pg_catalog.quote_ident(sn.nspname) || '.' || pg_catalog.quote_ident(sp.proname)"
                + " FROM pg_catalog.pg_attribute a"
                + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_catalog.pg_type st ON st.oid = (CASE WHEN t.typbasetype <> 0 THEN t.typbasetype ELSE t.oid END)"
                + " LEFT JOIN pg_catalog.pg_proc sp ON sp.oid = st.typsend"
                + " LEFT JOIN pg_catalog.pg_namespace sn ON sn.oid = sp.pronamespace"
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
                    c.defaultExpr = leftOut.contains(ObjectRef.of(ObjectRef.PG_ATTRDEF, rs.getLong(25))) ? null : rs.getString(9);
                    c.local = rs.getBoolean(10);
                    c.statistics = rs.getString(11);
                    c.storage = rs.getString(12);
                    c.baseType = rs.getLong(13);
                    c.binarySafe = rs.getBoolean(14);
                    c.foreignOptions = rs.getString(15);
                    c.typmod = rs.getInt(16);
                    c.compression = rs.getString(22);
                    c.options = RelationReader.strings(rs.getArray(23));
                    c.referencesLater = rs.getBoolean(24);
                    if (rs.getString(18) != null) {
                        c.notNullConstraint = new NotNullConstraint(rs.getLong(17), rs.getString(18), rs.getBoolean(19), rs.getBoolean(20),
                                rs.getBoolean(21), catalog.comment(ObjectRef.PG_CONSTRAINT, rs.getLong(17), 0));
                    }
                    c.defaultOid = rs.getLong(25);
                    c.send = rs.getString(26);
                    columns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(c);
                });
    }

    /**
     * Whether a generated column is computed from a column after it: its expression depends on
     * that column in pg_depend (before 13 the generated column itself does).
     */
    private String referencesLater() {
        return catalog.version() < 120000 ? "false"
                : "a.attgenerated <> '' AND EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
                + " WHERE d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid = a.attrelid AND d.refobjsubid > a.attnum"
                + " AND ((d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass AND d.objid = ad.oid)"
                + "   OR (d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = a.attrelid AND d.objsubid = a.attnum)))";
    }

    /** Valid CHECK constraints are created with their table; NOT VALID ones after the data (see TableObjectReader). */
    private void readChecks() throws SQLException {
        catalog.query("SELECT con.conrelid, con.conname, pg_catalog.pg_get_constraintdef(con.oid), con.oid, con.conislocal"
                + " FROM pg_catalog.pg_constraint con WHERE con.contype = 'c' AND con.conrelid <> 0 AND con.convalidated"
                + " AND (con.conislocal OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits h JOIN pg_catalog.pg_constraint pc"
                + "   ON pc.conrelid = h.inhparent AND pc.contype = 'c' AND pc.conname = con.conname"
                + "   WHERE h.inhrelid = con.conrelid AND NOT pc.convalidated))"
                + " ORDER BY con.conrelid, con.conname", rs -> {
                    if (relations.containsKey(rs.getLong(1)) && !leftOut.contains(ObjectRef.of(ObjectRef.PG_CONSTRAINT, rs.getLong(4)))) {
                        checks.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Check(rs.getLong(4), rs.getString(2), rs.getString(3),
                                rs.getBoolean(5), catalog.comment(ObjectRef.PG_CONSTRAINT, rs.getLong(4), 0)));
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
        /** The pg_attrdef OID of its default (or generation expression), 0 for none. */
        long defaultOid;
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
        /** The qualified send function of its base type, or null. */
        String send;
        /** The column's OPTIONS clause (foreign tables), or an empty string. */
        String foreignOptions;
        /** Its NOT NULL constraint (18+), or null: before 18 {@link #notNull} is all there is. */
        NotNullConstraint notNullConstraint;
        /** Its compression method (14+: p, l), or null for the default. */
        String compression;
        /** Its options ({@code n_distinct...}) as {@code name='value'}. */
        List<String> options;
        /** Whether it is generated from a column after it, so cannot be added before that one. */
        boolean referencesLater;

        /** Whether a valid NOT NULL holds, on any major (from 18 {@code attnotnull} is set for NOT VALID ones too). */
        boolean validNotNull() {
            return notNullConstraint == null ? notNull : notNullConstraint.valid();
        }

        /** Its name, type and collation: the column as a scratch parent declares it (see ScratchParent). */
        String typeAndCollation() {
            return Sql.ident(name) + ' ' + type + (collation == null ? "" : " COLLATE " + collation);
        }

        /** Whether its value is computed (stored or virtual), so not copied. */
        boolean isGenerated() {
            return generated != ' ';
        }
    }

    /**
     * A valid CHECK constraint of a table.
     *
     * @param oid its OID
     * @param name its name
     * @param definition as pg_get_constraintdef prints it
     * @param local whether the table declares it itself ({@code conislocal}), else it only inherits it
     * @param comment the comment on it as a quoted literal, or null
     */
    record Check(long oid, String name, String definition, boolean local, String comment) {
        ObjectRef ref() {
            return ObjectRef.of(ObjectRef.PG_CONSTRAINT, oid);
        }

        /** The CREATE TABLE element or ADD CONSTRAINT clause. */
        String clause() {
            return "CONSTRAINT " + Sql.ident(name) + " " + definition;
        }
    }
}
