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

    /** Ids of validation rules not to run (see {@link Migration.Builder#disableRules(String...)}). */
    public abstract java.util.Set<String> disabledRules();

    /** Parallel workers for copying and index builds; defaults to the number of cores. */
    @Value.Default
    public int jobs() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Tables larger than this many bytes (on disk, at the source) are copied in parts, in
     * parallel: by page ranges on PostgreSQL 14 and later sources, else by ranges of an integer
     * primary key. Default 1 GiB.
     */
    @Value.Default
    public long splitTablesLargerThan() {
        return 1L << 30;
    }

    /** At most this many bytes a second read from the source by all workers together; unlimited when empty. */
    public abstract java.util.OptionalLong maxSourceBytesPerSecond();

    /**
     * Online mode: the most WAL (bytes) the replication slot may hold back on the source; past it
     * the migration stops and drops the slot, so the source's disk does not fill. Unlimited when
     * empty (the source's {@code max_slot_wal_keep_size}, when set, still applies).
     */
    public abstract java.util.OptionalLong maxRetainedWalBytes();

    /** The COPY format; {@link CopyFormat#AUTO} picks binary where it is safe. */
    @Value.Default
    public CopyFormat copyFormat() {
        return CopyFormat.AUTO;
    }

    /** Whether and how the target is compared with the source after the copy. */
    @Value.Default
    public VerificationPolicy verification() {
        return VerificationPolicy.FAIL_ON_DIFFERENCE;
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
        if (maxSourceBytesPerSecond().isPresent() && maxSourceBytesPerSecond().getAsLong() < 1) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "The source throttle must be positive, was "
                    + maxSourceBytesPerSecond().getAsLong() + " bytes per second.");
        }
        if (maxRetainedWalBytes().isPresent() && maxRetainedWalBytes().getAsLong() < 1) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "maxRetainedWal must be positive, was "
                    + maxRetainedWalBytes().getAsLong() + " bytes.");
        }
        if (splitTablesLargerThan() < 1) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "splitTablesLargerThan must be positive, was " + splitTablesLargerThan() + ".");
        }
        if (jobs() < 1 || jobs() > 256) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "jobs must be between 1 and 256, was " + jobs() + ".");
        }
    }

    public static class Builder extends ImmutableMigrationRequest.Builder {}
}
