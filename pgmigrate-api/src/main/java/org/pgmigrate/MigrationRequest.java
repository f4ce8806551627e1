package org.pgmigrate;

import java.time.Clock;
import org.immutables.value.Value;

/** Everything a migration run needs to know, as assembled by {@link Migration.Builder}. */
@Value.Immutable
public abstract class MigrationRequest {
    public static Builder builder() {
        return new Builder();
    }

    public abstract Endpoint source();

    public abstract Endpoint target();

    @Value.Default
    public MigrationMode mode() {
        return MigrationMode.OFFLINE;
    }

    @Value.Default
    public MigrationOption option() {
        return MigrationOption.MIGRATE;
    }

    /** Parallel workers for copying and index builds; defaults to the number of cores. */
    @Value.Default
    public int jobs() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Value.Default
    @Value.Auxiliary
    public MigrationListener listener() {
        return MigrationListener.NONE;
    }

    @Value.Default
    @Value.Auxiliary
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Value.Check
    void check() {
        if (jobs() < 1 || jobs() > 256) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "jobs must be between 1 and 256, was " + jobs() + ".");
        }
    }

    public static class Builder extends ImmutableMigrationRequest.Builder {}
}
