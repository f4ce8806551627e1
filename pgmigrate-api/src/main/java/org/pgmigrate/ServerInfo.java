package org.pgmigrate;

import java.util.OptionalLong;
import org.immutables.value.Value;

/** A server and database as seen when the migration connected. */
@Value.Immutable
public abstract class ServerInfo {
    public static Builder builder() {
        return new Builder();
    }

    /** {@code server_version_num}, e.g. 170006. */
    public abstract int versionNumber();

    /** The major version, e.g. 17. */
    @Value.Derived
    public int majorVersion() {
        return versionNumber() / 10000;
    }

    public abstract String database();

    /** Where the server was reached, without credentials. */
    public abstract String endpoint();

    /**
     * The database's size on disk ({@code pg_database_size}) when the migration connected, before
     * it changed anything; empty when the user may not read it.
     */
    public abstract OptionalLong databaseBytes();

    public static class Builder extends ImmutableServerInfo.Builder {}
}
