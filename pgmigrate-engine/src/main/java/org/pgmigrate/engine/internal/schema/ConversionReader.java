package org.pgmigrate.engine.internal.schema;

import java.sql.SQLException;
import org.pgmigrate.engine.internal.jdbc.Sql;

/**
 * Encoding conversions. Their function is named, not called with a signature: the server looks it
 * up with the arguments its own major expects, so a built-in conversion function of an older
 * major finds its counterpart on a newer one.
 */
final class ConversionReader {
    private final Catalog catalog;
    private final TargetRoles roles;
    private final SourceSchema out;

    ConversionReader(Catalog catalog, TargetRoles roles, SourceSchema out) {
        this.catalog = catalog;
        this.roles = roles;
        this.out = out;
    }

    void read() throws SQLException {
        catalog.query("SELECT c.oid, n.nspname, c.conname, pg_catalog.pg_get_userbyid(c.conowner), c.condefault,"
                + " pg_catalog.quote_literal(pg_catalog.pg_encoding_to_char(c.conforencoding)),"
                + " pg_catalog.quote_literal(pg_catalog.pg_encoding_to_char(c.contoencoding)), c.conproc::pg_catalog.regproc::text"
                + " FROM pg_catalog.pg_conversion c JOIN pg_catalog.pg_namespace n ON n.oid = c.connamespace"
                + " WHERE " + SchemaFilter.userNamespace("n") + " AND " + Dependencies.notMember("pg_conversion", "c.oid")
                + " ORDER BY 2, 3", rs -> {
                    String name = Sql.qualified(rs.getString(2), rs.getString(3));
                    Statements s = new Statements(roles)
                            .add("CREATE " + (rs.getBoolean(5) ? "DEFAULT " : "") + "CONVERSION " + name
                                    + " FOR " + rs.getString(6) + " TO " + rs.getString(7) + " FROM " + rs.getString(8))
                            .comment("CONVERSION " + name, catalog.comment(ObjectRef.PG_CONVERSION, rs.getLong(1), 0))
                            .owner("CONVERSION " + name, rs.getString(4));
                    out.add(SchemaObject.preData(ObjectRef.of(ObjectRef.PG_CONVERSION, rs.getLong(1)), "conversion", name, s.toList()));
                });
    }
}
