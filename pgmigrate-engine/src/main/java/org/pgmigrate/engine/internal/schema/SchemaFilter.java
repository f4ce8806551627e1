package org.pgmigrate.engine.internal.schema;

/** SQL fragments the readers share: which namespaces hold user objects, collations worth naming. */
final class SchemaFilter {
    private SchemaFilter() {}

    /**
     * The quoted name of collation {@code collation} when it differs from the type's
     * {@code typeCollation}, else NULL; needs pg_collation {@code co} and pg_namespace {@code cn}
     * joined on it.
     */
    static String collationUnlessDefault(String collation, String typeCollation) {
        return "CASE WHEN " + collation + " <> " + typeCollation + " AND " + collation + " <> 0"
                + " THEN pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) END";
    }

    /** A SQL condition true for user namespaces of the pg_namespace alias {@code n}. */
    static String userNamespace(String n) {
        return n + ".nspname NOT IN ('pg_catalog', 'information_schema', 'pgmigrate')"
                + " AND " + n + ".nspname NOT LIKE 'pg\\_toast%' AND " + n + ".nspname NOT LIKE 'pg\\_temp\\_%'";
    }
}
