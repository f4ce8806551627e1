package org.pgmigrate.engine.internal.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Read access to the source catalogs for the object readers, plus what they share: the
 * server version, every comment and every ACL, each loaded with one set-based query.
 */
final class Catalog {
    /** Objects below this OID were created by initdb. */
    static final long FIRST_NORMAL_OID = 16384;

    private final Connection connection;
    private final int version;
    private final Map<String, String> comments = new HashMap<>();
    private final Map<String, Map<Long, List<Grant>>> aclCache = new HashMap<>();

    Catalog(Connection connection, int version) throws SQLException {
        this.connection = connection;
        this.version = version;
        loadComments();
    }

    int version() {
        return version;
    }

    Connection connection() {
        return connection;
    }

    /** Runs a catalog query and hands each row to {@code rows}. */
    void query(String sql, RowHandler rows) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.handle(rs);
            }
        }
    }

    /** The comment on an object as a SQL literal quoted by the source server, or null. */
    String comment(int catalog, long oid, int subId) {
        return comments.get(catalog + "/" + oid + "/" + subId);
    }

    /**
     * ACL entries of every object of a catalog whose ACL is set, by OID; an object with an
     * empty ACL maps to an empty list, one with the default (NULL) ACL is absent.
     */
    Map<Long, List<Grant>> acls(String catalogTable, String oidColumn, String aclColumn) throws SQLException {
        String key = catalogTable + "." + aclColumn;
        Map<Long, List<Grant>> cached = aclCache.get(key);
        if (cached != null) {
            return cached;
        }
        Map<Long, List<Grant>> acls = new HashMap<>();
        query("SELECT o." + oidColumn + ", r.rolname, a.grantee, a.privilege_type, a.is_grantable, pg_catalog.pg_get_userbyid(a.grantor)"
                + " FROM pg_catalog." + catalogTable + " o"
                + " LEFT JOIN LATERAL pg_catalog.aclexplode(o." + aclColumn + ") a ON true"
                + " LEFT JOIN pg_catalog.pg_roles r ON r.oid = a.grantee"
                + " WHERE o." + aclColumn + " IS NOT NULL"
                // by name, not OID: the same ACL must render alike on servers whose roles have other OIDs
                + " ORDER BY 1, r.rolname::text COLLATE \"C\" NULLS FIRST, a.privilege_type", rs -> {
                    List<Grant> grants = acls.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>());
                    String privilege = rs.getString(4);
                    if (privilege != null) {
                        grants.add(new Grant(rs.getLong(3) == 0 ? null : rs.getString(2), privilege, rs.getBoolean(5), rs.getString(6)));
                    }
                });
        if (catalogTable.equals("pg_class") && version < 170000) {
            acls.replaceAll((oid, grants) -> Grant.allOfARelationBefore17(grants));
        }
        aclCache.put(key, acls);
        return acls;
    }

    private void loadComments() throws SQLException {
        // system objects too: users comment on the public schema
        query("SELECT classoid, objoid, objsubid, pg_catalog.quote_literal(description) FROM pg_catalog.pg_description", rs -> comments.put(rs.getInt(1) + "/" + rs.getLong(2) + "/" + rs.getInt(3), rs.getString(4)));
        query("SELECT classoid, objoid, 0, pg_catalog.quote_literal(description) FROM pg_catalog.pg_shdescription"
                + " WHERE classoid = 'pg_catalog.pg_database'::pg_catalog.regclass AND objoid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())",
                rs -> comments.put("database", rs.getString(4)));
    }

    /** The comment on the current database, as a SQL literal, or null. */
    String databaseComment() {
        return comments.get("database");
    }

    @FunctionalInterface
    interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }
}
