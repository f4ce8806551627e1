package org.pgmigrate.engine.internal.schema;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.pgmigrate.MigrationWarning;

/**
 * Objects this version does not migrate. Each kind found becomes one warning that names the
 * objects, so nothing is dropped silently.
 */
final class UnsupportedReader {
    private final Catalog catalog;
    private final SourceSchema out;

    UnsupportedReader(Catalog catalog, SourceSchema out) {
        this.catalog = catalog;
        this.out = out;
    }

    void read() throws SQLException {
        report("operator class", "SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(o.opcname)"
                + " FROM pg_catalog.pg_opclass o JOIN pg_catalog.pg_namespace n ON n.oid = o.opcnamespace WHERE "
                + SchemaFilter.userNamespace("n") + " AND " + Dependencies.notMember("pg_opclass", "o.oid"));
        report("operator family", "SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(o.opfname)"
                + " FROM pg_catalog.pg_opfamily o JOIN pg_catalog.pg_namespace n ON n.oid = o.opfnamespace WHERE "
                + SchemaFilter.userNamespace("n") + " AND " + Dependencies.notMember("pg_opfamily", "o.oid")
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_opclass c WHERE c.opcfamily = o.oid)");
        report("access method", "SELECT pg_catalog.quote_ident(amname) FROM pg_catalog.pg_am a WHERE a.oid >= "
                + Catalog.FIRST_NORMAL_OID + " AND " + Dependencies.notMember("pg_am", "a.oid"));
    }

    private void report(String kind, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        catalog.query(sql + " ORDER BY 1", rs -> names.add(rs.getString(1)));
        if (!names.isEmpty()) {
            out.warnings.add(MigrationWarning.of("unsupported-object",
                    "Objects of kind '" + kind + "' are not migrated by this version; recreate them on the target by hand.", names));
        }
    }
}
