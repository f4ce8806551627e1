package org.pgmigrate.engine.internal.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection taken from the caller's {@code DataSource}, given back as it came: its session
 * settings (every one a session may change, {@code role} too) are read when it is taken, and
 * {@code close()} rolls back a transaction left open, puts auto-commit back and sets again each
 * setting that differs before the pool gets it. A connection whose settings cannot be put back
 * is aborted, so the pool drops it rather than lend it changed.
 */
final class BorrowedConnection implements InvocationHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BorrowedConnection.class);

    /** Settings of the session's own, not of one transaction (those end with it). */
    private static final String READ_SETTINGS = "SELECT name, pg_catalog.current_setting(name) FROM pg_catalog.pg_settings"
            + " WHERE context IN ('user', 'superuser') AND name NOT LIKE 'transaction\\_%'"
            + " UNION ALL SELECT 'role', pg_catalog.current_setting('role')";

    /** The role first, so that the settings after it are set with the privileges the session had. */
    private static final String RESTORE_SETTINGS = "SELECT count(pg_catalog.set_config(o.name, o.setting, false)) FROM"
            + " (SELECT name, setting FROM ROWS FROM (pg_catalog.unnest(?::text[]), pg_catalog.unnest(?::text[])) AS u(name, setting)"
            + "  WHERE pg_catalog.current_setting(name) IS DISTINCT FROM setting ORDER BY name <> 'role') o";

    private final Connection pooled;
    private final boolean autoCommit;
    private final String[] names;
    private final String[] values;

    private BorrowedConnection(Connection pooled, boolean autoCommit, String[] names, String[] values) {
        this.pooled = pooled;
        this.autoCommit = autoCommit;
        this.names = names;
        this.values = values;
    }

    /** {@code pooled}, as it is now, to be put back so when it is closed. */
    static Connection borrow(Connection pooled) throws SQLException {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (Statement s = pooled.createStatement(); ResultSet rs = s.executeQuery(READ_SETTINGS)) {
            while (rs.next()) {
                names.add(rs.getString(1));
                values.add(rs.getString(2));
            }
        }
        BorrowedConnection handler = new BorrowedConnection(pooled, pooled.getAutoCommit(), names.toArray(String[]::new),
                values.toArray(String[]::new));
        return (Connection) Proxy.newProxyInstance(BorrowedConnection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("close") && method.getParameterCount() == 0) {
            giveBack();
            return null;
        }
        try {
            return method.invoke(pooled, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void giveBack() throws SQLException {
        if (pooled.isClosed()) {
            // aborted (a cancelled run): closing it still tells the pool it is free, to be dropped
            pooled.close();
            return;
        }
        try {
            if (!pooled.getAutoCommit()) {
                pooled.rollback();
            }
            pooled.setAutoCommit(true);
            try (PreparedStatement ps = pooled.prepareStatement(RESTORE_SETTINGS)) {
                Array n = pooled.createArrayOf("text", names);
                Array v = pooled.createArrayOf("text", values);
                ps.setArray(1, n);
                ps.setArray(2, v);
                ps.execute();
            }
            pooled.setAutoCommit(autoCommit);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("The settings of a pooled connection could not be put back ({}); it is aborted, so its pool drops it",
                    e.getMessage());
            Connector.abortQuietly(pooled);
        }
        pooled.close();
    }
}
