package org.pgmigrate.testkit.junit5;

import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;

/**
 * Where the extension keeps what it starts. Servers live in the root context's store, so one
 * server serves every test class of the run and is stopped when the run ends; databases live in
 * the store of the context that asked for them, so they are dropped when that test or class ends.
 */
final class SharedServers {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);

    private SharedServers() {}

    static PostgresServer server(ExtensionContext context, ServerKey key) {
        ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
        return root.getOrComputeIfAbsent(key, k -> new ClosingServer(key.start()), ClosingServer.class).server;
    }

    static TestDatabase createDatabase(ExtensionContext context, PostgresServer server) {
        TestDatabase database = server.createDatabase();
        context.getStore(NAMESPACE).put(UUID.randomUUID(), new ClosingDatabase(database));
        return database;
    }

    /** Stops the server when the store closes. */
    private record ClosingServer(PostgresServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }
    }

    /** Drops the database when the store closes. */
    private record ClosingDatabase(TestDatabase database) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            database.close();
        }
    }
}
