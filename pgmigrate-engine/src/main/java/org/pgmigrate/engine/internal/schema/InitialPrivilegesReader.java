package org.pgmigrate.engine.internal.schema;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Privileges changed on objects the migration does not create: those of extension members
 * changed after CREATE EXTENSION, and those of system objects changed after initdb. pg_init_privs
 * holds the initial privileges of both (an object it does not name started with the built-in
 * default); like pg_dump, only the difference from them is carried. Ownership of such objects is
 * not carried, as pg_dump does not carry it.
 */
final class InitialPrivilegesReader {
    private final Catalog catalog;
    private final TargetRoles roles;
    private final SourceSchema out;

    InitialPrivilegesReader(Catalog catalog, TargetRoles roles, SourceSchema out) {
        this.catalog = catalog;
        this.roles = roles;
        this.out = out;
    }

    /** One catalog whose objects have an ACL, as the SQL fragments that read it (alias {@code x}). */
    private record Kind(String table, String acl, String owner, String defaults, String namespace, String keyword, String exists) {}

    private static final String LITERAL_IDENTITY = "pg_catalog.quote_literal((pg_catalog.pg_identify_object(%s, x.oid, 0)).identity)";

    /** The catalogs whose objects have privileges, but for languages and foreign-data wrappers (see below). */
    private static final List<Kind> KINDS = List.of(
            new Kind("pg_class", "relacl", "relowner", "(CASE WHEN x.relkind = 'S' THEN 's' ELSE 'r' END)::pg_catalog.\"char\"",
                    "x.relnamespace", "CASE WHEN x.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END",
                    "'pg_catalog.to_regclass(' || " + LITERAL_IDENTITY + " || ') IS NOT NULL'"),
            new Kind("pg_proc", "proacl", "proowner", "'f'", "x.pronamespace",
                    "CASE WHEN x.prokind = 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END",
                    "'pg_catalog.to_regprocedure(' || " + LITERAL_IDENTITY + " || ') IS NOT NULL'"),
            new Kind("pg_type", "typacl", "typowner", "'T'", "x.typnamespace", "'TYPE'",
                    "'pg_catalog.to_regtype(' || " + LITERAL_IDENTITY + " || ') IS NOT NULL'"),
            new Kind("pg_namespace", "nspacl", "nspowner", "'n'", null, "'SCHEMA'",
                    "'pg_catalog.to_regnamespace(' || " + LITERAL_IDENTITY + " || ') IS NOT NULL'"),
            // languages and foreign-data wrappers of the system and of extensions get their privileges from
            // LanguageReader and ForeignDataReader
            new Kind("pg_foreign_server", "srvacl", "srvowner", "'S'", null, "'FOREIGN SERVER'",
                    "'EXISTS (SELECT 1 FROM pg_catalog.pg_foreign_server WHERE srvname = ' || pg_catalog.quote_literal(x.srvname) || ')'"));

    void read() throws SQLException {
        for (Kind kind : KINDS) {
            read(query(kind));
        }
        read(columnQuery());
    }

    /** An object with privileges changed: what identifies it, and both ACLs. */
    private static final class Changed {
        String keyword;
        String identity;
        String column;
        String owner;
        String exists;
        ObjectRef extension;
        final List<Grant> initial = new ArrayList<>();
        final List<Grant> current = new ArrayList<>();
    }

    /**
     * Reads rows of: catalog, OID, column number, GRANT keyword, identity, quoted column, owner,
     * existence query, extension OID, 'i' (initial) or 'c' (current), then one exploded ACL item.
     */
    private void read(String sql) throws SQLException {
        Map<String, Changed> changed = new LinkedHashMap<>();
        catalog.query(sql, rs -> {
            Changed c = changed.computeIfAbsent(rs.getInt(1) + "/" + rs.getLong(2) + "/" + rs.getInt(3), k -> new Changed());
            c.keyword = rs.getString(4);
            c.identity = rs.getString(5);
            c.column = rs.getString(6);
            c.owner = rs.getString(7);
            c.exists = rs.getString(8);
            long extension = rs.getLong(9);
            c.extension = rs.wasNull() ? null : ObjectRef.of(ObjectRef.PG_EXTENSION, extension);
            String privilege = rs.getString(12);
            if (privilege != null) {
                (rs.getString(10).equals("i") ? c.initial : c.current)
                        .add(new Grant(rs.getLong(11) == 0 ? null : rs.getString(14), privilege, rs.getBoolean(13), rs.getString(15)));
            }
        });
        for (Changed c : changed.values()) {
            String target = c.keyword + " " + c.identity;
            List<String> statements = AclChanges.statements(roles, target, c.column, c.owner, c.initial, c.current);
            if (!statements.isEmpty()) {
                String object = c.keyword.toLowerCase(java.util.Locale.ROOT) + " " + c.identity + (c.column == null ? "" : " column " + c.column);
                out.changedPrivileges.add(new ChangedPrivileges(c.extension, object, c.exists, statements));
            }
        }
    }

    /** The items of an ACL in a fixed order, to compare two ACLs that GRANT and REVOKE may have ordered differently. */
    private static String sorted(String acl) {
        return "ARRAY(SELECT i::pg_catalog.text FROM pg_catalog.unnest(" + acl + ") i ORDER BY 1)";
    }

    private static String initialPrivileges(String classid, String oid, String subid) {
        return "(SELECT ip.initprivs FROM pg_catalog.pg_init_privs ip WHERE ip.classoid = " + classid + " AND ip.objoid = " + oid
                + " AND ip.objsubid = " + subid + ")";
    }

    private static String extensionOf(String classid, String oid) {
        return "(SELECT e.refobjid FROM pg_catalog.pg_depend e WHERE e.classid = " + classid + " AND e.objid = " + oid
                + " AND e.deptype = 'e' LIMIT 1)";
    }

    /** The initial and current ACL items of each object, one per row, with what the reading needs first. */
    private static String explodedFrom(String initial, String current) {
        return " CROSS JOIN LATERAL (VALUES ('i', " + initial + "), ('c', " + current + ")) s(side, acl)"
                + " LEFT JOIN LATERAL pg_catalog.aclexplode(s.acl) a ON true";
    }

    private static final String ITEM = ", s.side, a.grantee, a.privilege_type, a.is_grantable,"
            + " pg_catalog.pg_get_userbyid(a.grantee), pg_catalog.pg_get_userbyid(a.grantor)";

    /**
     * Objects of the system (not information_schema, made after initdb recorded the initial
     * privileges, nor the public schema, which is a user object) and extension members.
     */
    private static String systemOrMember(String oid, String namespaceName, String extension) {
        return "((" + oid + " < " + Catalog.FIRST_NORMAL_OID + " AND " + namespaceName + " NOT IN ('information_schema', 'public')) OR "
                + extension + " IS NOT NULL)"
                + " AND " + namespaceName + " NOT LIKE 'pg\\_toast%' AND " + namespaceName + " NOT LIKE 'pg\\_temp\\_%'";
    }

    private static String query(Kind kind) {
        String classid = "'pg_catalog." + kind.table() + "'::pg_catalog.regclass";
        String initial = "COALESCE(" + initialPrivileges(classid, "x.oid", "0") + ", pg_catalog.acldefault(" + kind.defaults() + ", x."
                + kind.owner() + "))";
        String namespaceName = kind.namespace() == null ? (kind.table().equals("pg_namespace") ? "x.nspname" : "''")
                : "(SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.oid = " + kind.namespace() + ")";
        return "SELECT " + classid + "::pg_catalog.oid::pg_catalog.int4, x.oid, 0, " + kind.keyword() + ","
                + " (pg_catalog.pg_identify_object(" + classid + ", x.oid, 0)).identity, NULL, pg_catalog.pg_get_userbyid(x." + kind.owner() + "),"
                + " " + kind.exists().replace("%s", classid) + ", " + extensionOf(classid, "x.oid") + ITEM
                + " FROM pg_catalog." + kind.table() + " x" + explodedFrom(initial, "x." + kind.acl())
                // privileges once set are never NULL again: test that first, it spares the others on most rows
                + " WHERE x." + kind.acl() + " IS NOT NULL AND " + sorted("x." + kind.acl()) + " IS DISTINCT FROM " + sorted(initial)
                + " AND " + systemOrMember("x.oid", namespaceName, extensionOf(classid, "x.oid"))
                + " ORDER BY 5, 10";
    }

    /** Column privileges of system and extension relations; a column without initial privileges started with none. */
    private static String columnQuery() {
        String classid = "'pg_catalog.pg_class'::pg_catalog.regclass";
        String initial = initialPrivileges(classid, "x.attrelid", "x.attnum");
        String identity = "(pg_catalog.pg_identify_object(" + classid + ", x.attrelid, 0)).identity";
        return "SELECT " + classid + "::pg_catalog.oid::pg_catalog.int4, x.attrelid, x.attnum, 'TABLE', " + identity + ","
                + " pg_catalog.quote_ident(x.attname), pg_catalog.pg_get_userbyid(c.relowner),"
                + " 'EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass(' || pg_catalog.quote_literal("
                + identity + ") || ') AND attname = ' || pg_catalog.quote_literal(x.attname) || ' AND NOT attisdropped)', "
                + extensionOf(classid, "x.attrelid") + ITEM
                + " FROM pg_catalog.pg_attribute x JOIN pg_catalog.pg_class c ON c.oid = x.attrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace" + explodedFrom(initial, "x.attacl")
                + " WHERE x.attacl IS NOT NULL AND x.attnum > 0 AND NOT x.attisdropped"
                + " AND " + sorted("COALESCE(x.attacl, '{}')") + " IS DISTINCT FROM " + sorted("COALESCE(" + initial + ", '{}')")
                + " AND " + systemOrMember("x.attrelid", "n.nspname", extensionOf(classid, "x.attrelid"))
                + " ORDER BY 5, 6, 10";
    }
}
