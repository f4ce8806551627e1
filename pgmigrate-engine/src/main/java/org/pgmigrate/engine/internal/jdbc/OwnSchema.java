package org.pgmigrate.engine.internal.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Schema {@code pgmigrate}, where the engine keeps what it needs on a server while a migration
 * runs: the journal and an online migration's control table on the target, the DDL capture on
 * the source. Each user of it drops its own objects; the last one out drops the schema.
 */
public final class OwnSchema {
    public static final String NAME = "pgmigrate";

    private OwnSchema() {}

    /** Whether table {@code name} of the schema exists. */
    public static boolean hasTable(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.to_regclass(CAST(? AS text)) IS NOT NULL")) {
            ps.setString(1, Sql.qualified(NAME, name));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Drops the schema when no relation, function or type is left in it; RESTRICT: what appears meanwhile keeps it. */
    public static void dropIfEmpty(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'pgmigrate')"
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = 'pgmigrate') AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_proc p"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'pgmigrate')"
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
                + " WHERE n.nspname = 'pgmigrate')")) {
            if (!rs.next() || !rs.getBoolean(1)) {
                return;
            }
        }
        s.execute("DROP SCHEMA IF EXISTS " + Sql.ident(NAME) + " RESTRICT");
    }
}
