package org.pgmigrate.validation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ServerInfo;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.internal.Sessions;

/**
 * One reached server, as a rule sees it: its version, database and role, and a connection in a
 * read-only transaction (search_path is empty, so write {@code pg_catalog.} where it matters).
 * Parameters are bound: a {@link Collection} of strings becomes a {@code text[]}.
 */
public final class Server {
    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final Side side;
    private final Connection connection;
    private final String endpoint;
    /** Where to open a session of its own, for {@link #inRolledBackTransaction}. */
    private final Endpoint connectTo;
    private final int versionNumber;
    private final String database;
    private final String user;
    private final boolean superuser;
    private final Map<String, String> settings = new HashMap<>();

    Server(Side side, Connection connection, Endpoint endpoint) throws SQLException {
        this.side = side;
        this.connection = connection;
        this.endpoint = endpoint.toString();
        this.connectTo = endpoint;
        List<Object[]> about = query("SELECT pg_catalog.current_setting('server_version_num')::int, pg_catalog.current_database(),"
                + " current_user, coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user), false)",
                row -> new Object[] {row.getInt(1), row.getString(2), row.getString(3), row.getBoolean(4)});
        this.versionNumber = (Integer) about.get(0)[0];
        this.database = (String) about.get(0)[1];
        this.user = (String) about.get(0)[2];
        this.superuser = (Boolean) about.get(0)[3];
    }

    public Side side() {
        return side;
    }

    /** {@code server_version_num}, e.g. 170006. */
    public int versionNumber() {
        return versionNumber;
    }

    public int majorVersion() {
        return versionNumber / 10000;
    }

    public String database() {
        return database;
    }

    /** The role validation connected as. */
    public String user() {
        return user;
    }

    public boolean superuser() {
        return superuser;
    }

    /** Where the server was reached, without credentials. */
    public String endpoint() {
        return endpoint;
    }

    ServerInfo info() {
        return ServerInfo.builder().versionNumber(versionNumber).database(database).endpoint(endpoint).build();
    }

    /** The connection, for what the helpers below do not cover; do not commit or close it. */
    public Connection connection() {
        return connection;
    }

    /** Work on a session of its own. */
    @FunctionalInterface
    public interface SessionWork<T> {
        T run(Connection session) throws SQLException;
    }

    /**
     * Runs {@code work} on a session of its own, in a read-write transaction that is rolled back
     * and closed afterwards, for a check that must try to create something to learn whether it
     * can be (a probe function over a C library): nothing it does stays. Rules use it sparingly:
     * it opens a connection.
     */
    public <T> T inRolledBackTransaction(SessionWork<T> work) throws SQLException {
        Connection session = Sessions.openWritable(connectTo);
        try {
            return work.run(session);
        } finally {
            Sessions.close(session);
        }
    }

    /**
     * A setting as {@code pg_settings} shows it to this session, numbers in their base unit (the
     * database's and role's defaults apply; validation sets only search_path and timeouts). Null
     * when the server has no such setting or hides it from this role (some need superuser or
     * pg_read_all_settings, e.g. shared_preload_libraries).
     */
    public String setting(String name) throws SQLException {
        if (settings.isEmpty()) {
            query("SELECT name, setting FROM pg_catalog.pg_settings", row -> settings.put(row.getString(1), row.getString(2)));
        }
        return settings.get(name);
    }

    /** A numeric setting (0 when absent). */
    public long longSetting(String name) throws SQLException {
        String value = setting(name);
        return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameter(parameters[i]));
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        }
    }

    /** The first column of every row, as text. */
    public List<String> strings(String sql, Object... parameters) throws SQLException {
        return query(sql, row -> row.getString(1), parameters);
    }

    /** The first column of every row as an identifier, quoted as in SQL where needed. */
    public List<String> identifiers(String sql, Object... parameters) throws SQLException {
        return query(sql, row -> SqlNames.ident(row.getString(1)), parameters);
    }

    /** Rows of (schema, name) as {@code schema.name}, quoted as in SQL where needed. */
    public List<String> qualifiedNames(String sql, Object... parameters) throws SQLException {
        return query(sql, row -> SqlNames.qualified(row.getString(1), row.getString(2)), parameters);
    }

    /** The single boolean {@code sql} returns. */
    public boolean test(String sql, Object... parameters) throws SQLException {
        List<Boolean> values = query(sql, row -> row.getBoolean(1), parameters);
        return !values.isEmpty() && values.get(0);
    }

    /** The first column of the single row {@code sql} returns, as text (null for no row). */
    public String value(String sql, Object... parameters) throws SQLException {
        List<String> values = strings(sql, parameters);
        return values.isEmpty() ? null : values.get(0);
    }

    private Object parameter(Object value) throws SQLException {
        if (value instanceof Collection<?> values) {
            return connection.createArrayOf("text", values.stream().map(String::valueOf).toArray());
        }
        return value;
    }

    @Override
    public String toString() {
        return side.label() + " (" + endpoint + ")";
    }
}
