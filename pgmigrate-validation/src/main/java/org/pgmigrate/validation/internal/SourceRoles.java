package org.pgmigrate.validation.internal;

/** Queries for the roles the source's user objects refer to, as owners or in privileges. */
public final class SourceRoles {
    private static final String RELATION_KIND = "CASE c.relkind WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view '"
            + " WHEN 'S' THEN 'sequence ' WHEN 'f' THEN 'foreign table ' ELSE 'table ' END";

    /** (object, owner oid, acl) of every user schema, relation, function and type, the object named with its kind. */
    public static final String OWNED_OBJECTS = "SELECT 'schema ' || pg_catalog.quote_ident(n.nspname) AS object, n.nspowner AS owner,"
            + "   n.nspacl AS acl FROM pg_catalog.pg_namespace n"
            + "  WHERE " + CatalogSql.userNamespace("n") + " AND " + CatalogSql.notExtensionMember("pg_namespace", "n.oid")
            + " UNION ALL SELECT " + RELATION_KIND + " || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname),"
            + "   c.relowner, c.relacl FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + "  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND " + CatalogSql.userNamespace("n")
            + "   AND " + CatalogSql.notExtensionMember("pg_class", "c.oid")
            + " UNION ALL SELECT 'function ' || p.oid::pg_catalog.regprocedure::text, p.proowner, p.proacl"
            + "  FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
            + "  WHERE " + CatalogSql.userNamespace("n") + " AND " + CatalogSql.notExtensionMember("pg_proc", "p.oid")
            + " UNION ALL SELECT 'type ' || t.oid::pg_catalog.regtype::text, t.typowner, t.typacl"
            + "  FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
            + "  WHERE t.typtype IN ('b', 'd', 'e', 'r') AND t.typcategory <> 'A' AND " + CatalogSql.userNamespace("n")
            + "   AND " + CatalogSql.notExtensionMember("pg_type", "t.oid");

    /** The names of the roles that own user objects. */
    public static final String OWNERS = "SELECT DISTINCT pg_catalog.pg_get_userbyid(o.owner) FROM (" + OWNED_OBJECTS + ") o ORDER BY 1";

    /** The names of the roles that own user objects or hold privileges on them (PUBLIC aside). */
    public static final String REFERENCED = "SELECT DISTINCT pg_catalog.pg_get_userbyid(r.role) FROM ("
            + " SELECT o.owner AS role FROM (" + OWNED_OBJECTS + ") o"
            + " UNION SELECT a.grantee FROM (" + OWNED_OBJECTS + ") o, pg_catalog.aclexplode(o.acl) a WHERE a.grantee <> 0"
            + ") r ORDER BY 1";

    private SourceRoles() {}
}
