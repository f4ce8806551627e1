package org.pgmigrate.validation.internal;

/** SQL fragments the built-in rules share. */
public final class CatalogSql {
    /** Objects with OIDs from here on were created after initdb (FirstNormalObjectId). */
    public static final int FIRST_USER_OID = 16384;

    private CatalogSql() {}

    /**
     * True for user schemas of the pg_namespace alias {@code n}: not the system's, and not
     * pgmigrate's own journal schema.
     */
    public static String userNamespace(String n) {
        return n + ".nspname NOT IN ('pg_catalog', 'information_schema', 'pgmigrate')"
                + " AND " + n + ".nspname NOT LIKE 'pg\\_toast%' AND " + n + ".nspname NOT LIKE 'pg\\_temp\\_%'";
    }

    /** True when the object {@code oid} of system catalog {@code catalog} (e.g. pg_class) belongs to no extension. */
    public static String notExtensionMember(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend ext_dep WHERE ext_dep.classid = 'pg_catalog." + catalog
                + "'::pg_catalog.regclass AND ext_dep.objid = " + oid + " AND ext_dep.deptype = 'e')";
    }

    /**
     * User relations of the kinds {@code relkinds} (e.g. "'r', 'p'"), as (schema, name) rows: from
     * pg_class {@code c} joined to pg_namespace {@code n}, in user schemas, not in an extension.
     * Append further conditions with AND and finish with the ORDER BY of your choice.
     */
    public static String userRelations(String relkinds) {
        return "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN (" + relkinds + ") AND " + userNamespace("n")
                + " AND " + notExtensionMember("pg_class", "c.oid");
    }
}
