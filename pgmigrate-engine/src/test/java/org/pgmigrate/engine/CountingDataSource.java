package org.pgmigrate.engine;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.pgmigrate.testkit.TestDatabase;

/** A data source whose connections count every statement executed through them: round trips, for tests that they do not grow. */
final class CountingDataSource {
    private CountingDataSource() {}

    /** Connections to {@code database} that add each statement they execute to {@code statements}. */
    static DataSource counting(TestDatabase database, AtomicInteger statements) {
        return (DataSource) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> countingConnection(database.connect(), statements);
                    case "getLogWriter" -> (PrintWriter) null;
                    case "getParentLogger" -> Logger.getGlobal();
                    case "unwrap", "isWrapperFor" -> throw new SQLException("not a wrapper");
                    default -> method.getName().equals("getLoginTimeout") ? 0 : null;
                });
    }

    private static Connection countingConnection(Connection real, AtomicInteger statements) {
        return (Connection) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {Connection.class},
                forwarding(real, (method, result) -> result instanceof Statement s ? countingStatement(s, statements) : result));
    }

    private static Statement countingStatement(Statement real, AtomicInteger statements) {
        return (Statement) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), real.getClass().getInterfaces().length == 0
                        ? new Class<?>[] {Statement.class} : interfacesOf(real),
                forwarding(real, (method, result) -> {
                    if (method.getName().startsWith("execute")) {
                        statements.incrementAndGet();
                    }
                    return result;
                }));
    }

    private static Class<?>[] interfacesOf(Statement real) {
        return real instanceof java.sql.PreparedStatement
                ? new Class<?>[] {java.sql.PreparedStatement.class} : new Class<?>[] {Statement.class};
    }

    private interface AfterCall {
        Object apply(java.lang.reflect.Method method, Object result);
    }

    private static InvocationHandler forwarding(Object real, AfterCall after) {
        return (proxy, method, args) -> {
            try {
                return after.apply(method, method.invoke(real, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }
}
