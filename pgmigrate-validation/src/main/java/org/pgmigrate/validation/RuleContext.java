package org.pgmigrate.validation;

import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.pgmigrate.MigrationMode;

/** What a rule sees: the migration's mode and jobs, and both servers (or why one was not reached). */
public final class RuleContext {
    private final MigrationMode mode;
    private final int jobs;
    private final boolean leavesOutUncreatableObjects;
    private final Map<Side, String> endpoints;
    private final Map<Side, Server> servers = new EnumMap<>(Side.class);
    private final Map<Side, SQLException> failures = new EnumMap<>(Side.class);

    RuleContext(MigrationMode mode, int jobs, boolean leavesOutUncreatableObjects, Map<Side, String> endpoints) {
        this.mode = mode;
        this.jobs = jobs;
        this.leavesOutUncreatableObjects = leavesOutUncreatableObjects;
        this.endpoints = Map.copyOf(endpoints);
    }

    void reached(Server server) {
        servers.put(server.side(), server);
    }

    void failed(Side side, SQLException failure) {
        failures.put(side, failure);
    }

    public MigrationMode mode() {
        return mode;
    }

    /** The parallel workers the migration will use (each holds a connection to either server). */
    public int jobs() {
        return jobs;
    }

    /**
     * Whether the migration leaves out the objects the target cannot create, with what depends on
     * them ({@link org.pgmigrate.MigrationRequest#leaveOutUncreatableObjects()}), instead of refusing.
     */
    public boolean leavesOutUncreatableObjects() {
        return leavesOutUncreatableObjects;
    }

    public boolean reached(Side side) {
        return servers.containsKey(side);
    }

    /** The server on {@code side}; only call it for a side the rule {@linkplain Rule#reads() reads}. */
    public Server server(Side side) {
        Server server = servers.get(side);
        if (server == null) {
            throw new IllegalStateException("The " + side.label() + " server was not reached; list it in Rule.reads().");
        }
        return server;
    }

    public Server source() {
        return server(Side.SOURCE);
    }

    public Server target() {
        return server(Side.TARGET);
    }

    /** Why connecting to {@code side} failed, when it did (the message has no password). */
    public Optional<SQLException> connectionFailure(Side side) {
        return Optional.ofNullable(failures.get(side));
    }

    /** The endpoint of {@code side} as given, without credentials. */
    public String endpoint(Side side) {
        return endpoints.get(side);
    }
}
