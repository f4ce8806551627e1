package org.pgmigrate.validation.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.pgmigrate.Endpoint;

/**
 * Opens the validation sessions: the same connection properties as the engine uses, then one
 * read-only transaction per server, so no rule can change anything, and nothing set for
 * validation outlives it on a pooled connection (every setting is {@code SET LOCAL}, and a
 * connection from a {@code DataSource} gets its auto-commit back before it is closed: not every
 * pool resets it).
 */
public final class Sessions {
    /** How validation sessions show in pg_stat_activity; the engine's own sessions are "pgmigrate". */
    public static final String APPLICATION_NAME = "pgmigrate validation";

    /** The rules read catalogs, whose queries the server's JIT compiles for longer than they run (none before 11). */
    private static final String NO_JIT = "SELECT pg_catalog.set_config(name, 'off', true) FROM pg_catalog.pg_settings WHERE name = 'jit'";

    private static final String[] TRANSACTION = {
        "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY",
        "SET LOCAL search_path = ''",
        "SET LOCAL statement_timeout = '5min'",
        "SET LOCAL lock_timeout = '10s'",
        "SET LOCAL client_min_messages = 'warning'",
        NO_JIT};

    /** The same, in a transaction that may write, for probes that are rolled back. */
    private static final String[] WRITABLE_TRANSACTION = {
        "SET TRANSACTION READ WRITE",
        "SET LOCAL search_path = ''",
        "SET LOCAL statement_timeout = '5min'",
        "SET LOCAL lock_timeout = '10s'",
        "SET LOCAL client_min_messages = 'warning'",
        NO_JIT};

    private Sessions() {}

    /**
     * A connection inside a read-only transaction; a failure to connect is rethrown with any
     * password taken out of its message.
     */
    public static Connection open(Endpoint endpoint) throws SQLException {
        return open(endpoint, TRANSACTION);
    }

    /**
     * A connection inside a transaction that may write, for probes; {@link #close} rolls it back,
     * so nothing done in it stays.
     */
    public static Connection openWritable(Endpoint endpoint) throws SQLException {
        return open(endpoint, WRITABLE_TRANSACTION);
    }

    private static Connection open(Endpoint endpoint, String[] transaction) throws SQLException {
        Connection connection = null;
        try {
            connection = endpoint.dataSource().isPresent()
                    ? restoringAutoCommit(endpoint.dataSource().get().getConnection())
                    : DriverManager.getConnection(endpoint.jdbcUrl(), properties(endpoint));
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                for (String sql : transaction) {
                    s.execute(sql);
                }
            }
            return connection;
        } catch (SQLException e) {
            close(connection);
            throw new SQLException(endpoint.redact(e.getMessage()), e.getSQLState(), e.getErrorCode());
        }
    }

    /** {@code pooled}, whose {@code close()} first puts back the auto-commit it has now. */
    private static Connection restoringAutoCommit(Connection pooled) throws SQLException {
        boolean autoCommit = pooled.getAutoCommit();
        return (Connection) Proxy.newProxyInstance(Sessions.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0 && !pooled.isClosed()) {
                try {
                    pooled.setAutoCommit(autoCommit);
                } finally {
                    pooled.close();
                }
                return null;
            }
            try {
                return method.invoke(pooled, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    /** Ends the read-only transaction and closes; errors here change nothing worth reporting. */
    public static void close(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the transaction read only; the connection may already be gone
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing to release that the server does not release itself
        }
    }

    private static Properties properties(Endpoint endpoint) {
        Properties p = endpoint.connectionProperties();
        p.setProperty("ApplicationName", APPLICATION_NAME);
        p.putIfAbsent("connectTimeout", "15");
        p.setProperty("tcpKeepAlive", "true");
        return p;
    }
}
