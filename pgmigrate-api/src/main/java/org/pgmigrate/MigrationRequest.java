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

    /** Which databases of the source server are migrated (default: the one the endpoints name). */
    @Value.Default
    public DatabaseSelection databases() {
        return DatabaseSelection.endpointDatabase();
    }

    /** Which roles are created on the target before the databases are migrated (default: those they need). */
    @Value.Default
    public RoleSelection roles() {
        return RoleSelection.NEEDED;
    }

    /**
     * Roles never created on the target, besides the predefined {@code pg_*} roles and the source's
     * bootstrap superuser: by default the administrator roles of managed offerings
     * ({@link #DEFAULT_RESERVED_ROLES}). Objects they own go to {@link #reservedRoleObjectsOwner()}.
     */
    @Value.Default
    public java.util.Set<String> reservedRoles() {
        return DEFAULT_RESERVED_ROLES;
    }

    /** Administrator and service roles of managed PostgreSQL offerings. */
    public static final java.util.Set<String> DEFAULT_RESERVED_ROLES = java.util.Set.of(
            "rdsadmin", "rds_superuser", "rds_replication", "rds_iam", "rds_password", "rdstopmgr",
            "azure_superuser", "azure_pg_admin", "azuresu", "replication",
            "cloudsqladmin", "cloudsqlsuperuser", "cloudsqlreplica", "cloudsqlagent", "cloudsqliamuser", "cloudsqlimportexport",
            "alloydbadmin", "alloydbsuperuser", "alloydbreplica", "alloydbagent");

    /**
     * The target role that owns what reserved roles own on the source; empty means the user the
     * target endpoint connects as.
     */
    public abstract java.util.Optional<String> reservedRoleObjectsOwner();

    /** How many databases of a whole-server migration run side by side, sharing {@link #jobs()} (default 1). */
    @Value.Default
    public int databasesInParallel() {
        return 1;
    }

    /**
     * Whether the other databases of a migration of several go on when one fails (default: no,
     * they are stopped at once and continue with a resume; yes: every other database is migrated,
     * and the run fails at the end naming those that failed).
     */
    @Value.Default
    public boolean finishOtherDatabasesOnFailure() {
        return false;
    }

    /** Which schemas, tables and extensions to migrate; everything by default. */
    @Value.Default
    public ObjectFilter filter() {
        return ObjectFilter.all();
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
     * primary key. Default 1 GiB. Verification reads tables larger than this, or than 64 MiB, in
     * parts too (by page ranges, on PostgreSQL 14 and later).
     */
    @Value.Default
    public long splitTablesLargerThan() {
        return 1L << 30;
    }

    /**
     * Memory the target may use for index builds, shared by the {@link #jobs()}: each target
     * session gets this divided by the jobs as {@code maintenance_work_mem}, at least 64 MiB and at
     * most 2 GiB. Default 1 GiB.
     */
    @Value.Default
    public long indexBuildMemory() {
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

    /**
     * Online mode: replicate the source's DDL during the migration (default off: a table whose
     * definition changes stops the migration). An event trigger on the source records each
     * {@code ALTER TABLE}, {@code CREATE TABLE}, {@code CREATE INDEX} and {@code DROP INDEX} in a
     * table the stream carries (a new table joins the publication), and the target runs it at the
     * same point of the stream. Needs a superuser on the
     * source; each such statement must be sent on its own, not with others in one query string.
     */
    @Value.Default
    public boolean replicateDdl() {
        return false;
    }

    /** The COPY format; {@link CopyFormat#AUTO} picks binary where it is safe. */
    @Value.Default
    public CopyFormat copyFormat() {
        return CopyFormat.AUTO;
    }

    /**
     * Strategies asked, in this order, how each table's rows travel, before the built-in one (see
     * {@link org.pgmigrate.spi.copy.CopyStrategy}; incubating). Offline migrations only.
     */
    @Value.Auxiliary
    public abstract java.util.List<org.pgmigrate.spi.copy.CopyStrategy> copyStrategies();

    /**
     * Continue the earlier offline run into the same target that failed, was cancelled or was
     * killed, from the journal it left in the target's {@code pgmigrate} schema: finished tasks
     * are skipped, the rest run under a new snapshot of the source. When the target holds no
     * journal and is empty, the migration simply starts.
     */
    @Value.Default
    public boolean resume() {
        return false;
    }

    /**
     * Whether the source database's subscriptions are migrated (default: no). When they are,
     * each is created as pg_dump creates it: disabled and without connecting to its publisher
     * ({@code connect = false}), with the source's connection string, publications, slot name and
     * options; a warning names them, for the user to enable once the source no longer uses their
     * slots. When they are not, a warning names them. Reading them needs a superuser on the source.
     */
    @Value.Default
    public boolean subscriptions() {
        return false;
    }

    /**
     * Whether objects the target cannot create (see {@link ErrorKind#UNCREATABLE_OBJECTS}) are left
     * out, with everything that depends on them, each named in a warning (default: no, the
     * migration refuses before it changes the target).
     */
    @Value.Default
    public boolean leaveOutUncreatableObjects() {
        return false;
    }

    /**
     * Where the objects of source tablespaces go on the target (see {@link TablespaceMapping});
     * a tablespace no mapping names stays a tablespace of the same name, which the target must have.
     */
    public abstract java.util.List<TablespaceMapping> tablespaces();

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

    /**
     * Makes every thread of the run (its coordinating thread, the workers, an online run's stream
     * and watch threads); empty: daemon threads named {@code pgmigrate-<migration id>-...}.
     */
    @Value.Auxiliary
    public abstract java.util.Optional<java.util.concurrent.ThreadFactory> threadFactory();

    /**
     * Where a live status page ({@code /}) and its JSON twin ({@code /status.json}) are served while
     * the run goes on, with the JDK's own HTTP server; empty (the default): none. Port 0 takes a
     * free port, which {@link MigrationHandle#statusPage()} tells.
     */
    @Value.Auxiliary
    public abstract java.util.Optional<java.net.InetSocketAddress> statusAddress();

    @Value.Check
    void check() {
        if (maxSourceBytesPerSecond().isPresent() && maxSourceBytesPerSecond().getAsLong() < 1) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "The source throttle must be positive, was "
                    + maxSourceBytesPerSecond().getAsLong() + " bytes per second.");
        }
        if (indexBuildMemory() < 1) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "indexBuildMemory must be positive, was " + indexBuildMemory() + ".");
        }
        if (maxRetainedWalBytes().isPresent() && maxRetainedWalBytes().getAsLong() < 1) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "maxRetainedWal must be positive, was "
                    + maxRetainedWalBytes().getAsLong() + " bytes.");
        }
        if (replicateDdl() && mode() != MigrationMode.ONLINE) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "DDL replication is for online migrations: an offline one copies"
                    + " the schema as it is. Remove replicateDdl or migrate online.");
        }
        if (mode() == MigrationMode.ONLINE && !copyStrategies().isEmpty()) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "Copy strategies are for offline migrations: the changes an online"
                    + " migration streams after its copy would not pass through them. Remove the strategies or migrate offline.");
        }
        if (splitTablesLargerThan() < 1) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "splitTablesLargerThan must be positive, was " + splitTablesLargerThan() + ".");
        }
        if (databasesInParallel() < 1 || databasesInParallel() > jobs()) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "databasesInParallel must be between 1 and jobs (" + jobs()
                    + "), was " + databasesInParallel() + ".");
        }
        java.util.Set<java.util.Optional<String>> mapped = new java.util.HashSet<>();
        for (TablespaceMapping mapping : tablespaces()) {
            if (!mapped.add(mapping.source())) {
                throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "Tablespace " + mapping.source().map(s -> "'" + s + "'")
                        .orElse("mapping for all tablespaces") + " is mapped more than once: " + tablespaces() + ".");
            }
        }
        if (jobs() < 1 || jobs() > 256) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "jobs must be between 1 and 256, was " + jobs() + ".");
        }
    }

    public static class Builder extends ImmutableMigrationRequest.Builder {}
}
