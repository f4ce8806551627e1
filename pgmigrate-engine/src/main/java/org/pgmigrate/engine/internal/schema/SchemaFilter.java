package org.pgmigrate.engine.internal.schema;

/** Which namespaces hold user objects. */
final class SchemaFilter {
    private SchemaFilter() {}

    /** A SQL condition true for user namespaces of the pg_namespace alias {@code n}. */
    static String userNamespace(String n) {
        return n + ".nspname NOT IN ('pg_catalog', 'information_schema', 'pgmigrate')"
                + " AND " + n + ".nspname NOT LIKE 'pg\\_toast%' AND " + n + ".nspname NOT LIKE 'pg\\_temp\\_%'";
    }
}
