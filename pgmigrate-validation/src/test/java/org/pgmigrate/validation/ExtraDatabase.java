package org.pgmigrate.validation;

import java.util.concurrent.atomic.AtomicInteger;
import org.pgmigrate.Endpoint;
import org.pgmigrate.testkit.PostgresServer;

/** A database created with options of the test's choosing (encoding, locale, owner), dropped on close. */
final class ExtraDatabase implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final PostgresServer server;
    private final String name;

    private ExtraDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    /** {@code CREATE DATABASE <unique name> TEMPLATE template0 <options>}. */
    static ExtraDatabase create(PostgresServer server, String options) {
        String name = "val_extra_" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid();
        server.execute("postgres", "CREATE DATABASE " + name + " TEMPLATE template0 " + options);
        return new ExtraDatabase(server, name);
    }

    String name() {
        return name;
    }

    Endpoint endpoint() {
        return server.endpoint(name);
    }

    ExtraDatabase execute(String sql) {
        server.execute(name, sql);
        return this;
    }

    @Override
    public void close() {
        server.execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
