package org.pgmigrate.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pgmigrate.Endpoint;

/** A database on a {@link PostgresServer}, dropped by {@link #close()}. */
public final class TestDatabase implements AutoCloseable {
    private final PostgresServer server;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();

    TestDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    public PostgresServer server() {
        return server;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** Superuser endpoint of this database. */
    public Endpoint endpoint() {
        return server.endpoint(name);
    }

    /** A new superuser connection; the caller closes it. */
    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    /** Runs SQL (several statements allowed) as superuser. */
    public TestDatabase execute(String sql) {
        server.execute(name, sql);
        return this;
    }

    /** The first column of every row {@code sql} returns, as text. */
    public List<String> queryColumn(String sql) {
        return server.queryColumn(name, sql);
    }

    /** The single value {@code sql} returns, as text. */
    public String queryValue(String sql) {
        List<String> values = queryColumn(sql);
        if (values.size() != 1) {
            throw new IllegalStateException("Expected one row, got " + values.size() + " from: " + sql);
        }
        return values.get(0);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.execute("postgres", "DROP DATABASE IF EXISTS " + Sql.ident(name)
                    + (server.major() >= 13 ? " WITH (FORCE)" : ""));
        }
    }

    @Override
    public String toString() {
        return name + " on " + server;
    }
}
