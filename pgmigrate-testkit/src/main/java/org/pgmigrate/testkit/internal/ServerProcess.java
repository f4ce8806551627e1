package org.pgmigrate.testkit.internal;

import java.util.Optional;

/** A running PostgreSQL server as the provider that started it sees it: where it listens, how its superuser logs in. */
public interface ServerProcess extends AutoCloseable {
    String host();

    int port();

    /** The superuser's password; empty where the superuser is trusted. */
    Optional<String> superuserPassword();

    /** Stops the server; called once. */
    @Override
    void close();
}
