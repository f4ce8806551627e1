package org.pgmigrate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.pgmigrate.spi.MigrationEngine;

/**
 * The entry point:
 *
 * <pre>{@code
 * MigrationResult result = Migration.from(Endpoint.of("postgresql://app@old:5432/shop", secret))
 *         .to(Endpoint.of("postgresql://app@new:5432/shop", secret))
 *         .mode(MigrationMode.OFFLINE)
 *         .jobs(4)
 *         .execute();
 * }</pre>
 *
 * <p>To check first, changing nothing: {@code ValidationReport report = ....validate();} (see
 * {@link Builder#validate()}); to check and migrate only when no rule failed:
 * {@code .option(MigrationOption.VALIDATE_AND_MIGRATE).execute()}.
 */
public final class Migration {
    private Migration() {}

    /**
     * Asks the online migration streaming into {@code target} (started elsewhere, e.g. by
     * {@code pgmigrate migrate --mode online}) to cut over, and waits until it has: it applies the
     * source's changes up to the source's current position, sets sequences, verifies and cleans up.
     * Stop the applications' writes to the source first.
     *
     * @return the id of the migration that cut over
     * @throws PgMigrateException when no online migration streams into the target, or the cutover
     *     failed or was cancelled (the message says why), or {@code timeout} passed first
     */
    public static String requestCutover(Endpoint target, java.time.Duration timeout) {
        return engine().requestCutover(Objects.requireNonNull(target, "target"), Objects.requireNonNull(timeout, "timeout"));
    }

    /** Starts describing a migration from {@code source}. */
    public static Builder from(Endpoint source) {
        return new Builder(Objects.requireNonNull(source, "source"));
    }

    /** Describes one migration; not thread-safe, use it from one thread and throw it away. */
    public static final class Builder {
        private final MigrationRequest.Builder request = MigrationRequest.builder();
        private final ObjectFilter.Builder filter = ObjectFilter.builder();
        private boolean hasTarget;

        private Builder(Endpoint source) {
            request.source(source);
        }

        public Builder to(Endpoint target) {
            request.target(Objects.requireNonNull(target, "target"));
            hasTarget = true;
            return this;
        }

        public Builder mode(MigrationMode mode) {
            request.mode(mode);
            return this;
        }

        public Builder option(MigrationOption option) {
            request.option(option);
            return this;
        }

        /**
         * Which databases to migrate (default: the one the endpoints name). For a whole-server
         * migration the endpoints' URLs may name no database, or any database: each selected
         * database goes to the database of the same name on the target, created when missing.
         */
        public Builder databases(DatabaseSelection databases) {
            request.databases(Objects.requireNonNull(databases, "databases"));
            return this;
        }

        /** Which roles to create on the target (default {@link RoleSelection#NEEDED}). */
        public Builder roles(RoleSelection roles) {
            request.roles(Objects.requireNonNull(roles, "roles"));
            return this;
        }

        /**
         * Roles never to create on the target, replacing the default list of providers' administrator
         * roles ({@link MigrationRequest#DEFAULT_RESERVED_ROLES}); {@code pg_*} roles and the source's
         * bootstrap superuser are always reserved.
         */
        public Builder reservedRoles(String... roles) {
            request.reservedRoles(java.util.Set.of(roles));
            return this;
        }

        /** The target role given what reserved roles own (default: the user the target endpoint connects as). */
        public Builder reservedRoleObjectsOwner(String role) {
            request.reservedRoleObjectsOwner(Objects.requireNonNull(role, "role"));
            return this;
        }

        /** How many databases of a whole-server migration run side by side, sharing the jobs (default 1). */
        public Builder databasesInParallel(int databases) {
            request.databasesInParallel(databases);
            return this;
        }

        /**
         * Migrates every other database when one of several fails, instead of stopping them at once
         * (see {@link MigrationRequest#finishOtherDatabasesOnFailure()}).
         */
        public Builder finishOtherDatabasesOnFailure(boolean finish) {
            request.finishOtherDatabasesOnFailure(finish);
            return this;
        }

        /**
         * Validation rules not to run, by id (e.g. {@code "superuser-owned-objects"}): for a finding you
         * have looked at and accept. An unknown id is refused, so a typo cannot go unnoticed.
         */
        public Builder disableRules(String... ruleIds) {
            for (String id : ruleIds) {
                request.addDisabledRules(Objects.requireNonNull(id, "ruleId"));
            }
            return this;
        }

        /**
         * Migrates only the schemas matching these patterns (pg_dump {@code -n} style: {@code *} and
         * {@code ?} wildcards, unquoted letters fold to lower case, double-quoted text is literal);
         * may be called again to add more. See {@link ObjectFilter} for what follows what.
         */
        public Builder includeSchemas(String... patterns) {
            filter.addAllIncludeSchemas(patterns(patterns));
            return this;
        }

        /** Leaves out the schemas matching these patterns and everything in them. */
        public Builder excludeSchemas(String... patterns) {
            filter.addAllExcludeSchemas(patterns(patterns));
            return this;
        }

        /**
         * Migrates only the tables, views and sequences matching these patterns ({@code schema.table}
         * or {@code table} in any schema, pg_dump {@code -t} style), with their indexes, constraints and
         * owned sequences; the other objects of the included schemas are still migrated.
         */
        public Builder includeTables(String... patterns) {
            filter.addAllIncludeTables(patterns(patterns));
            return this;
        }

        /** Leaves out the tables, views and sequences matching these patterns, with what belongs to them. */
        public Builder excludeTables(String... patterns) {
            filter.addAllExcludeTables(patterns(patterns));
            return this;
        }

        /** Creates the tables matching these patterns, with their indexes and constraints, but copies none of their rows. */
        public Builder excludeTableData(String... patterns) {
            filter.addAllExcludeTableData(patterns(patterns));
            return this;
        }

        /** Does not create the extensions matching these patterns on the target. */
        public Builder excludeExtensions(String... patterns) {
            filter.addAllExcludeExtensions(patterns(patterns));
            return this;
        }

        private static java.util.List<String> patterns(String... patterns) {
            for (String p : patterns) {
                Objects.requireNonNull(p, "pattern");
            }
            return java.util.List.of(patterns);
        }

        /** Parallel workers for copying and index builds (default: the number of cores). */
        public Builder jobs(int jobs) {
            request.jobs(jobs);
            return this;
        }

        /**
         * Limits the load on the source: at most this many bytes a second read by all workers
         * together (the number of workers is the other limit, see {@link #jobs(int)}).
         */
        public Builder throttle(long maxSourceBytesPerSecond) {
            request.maxSourceBytesPerSecond(maxSourceBytesPerSecond);
            return this;
        }

        /**
         * Memory the target may use for index builds, shared by the jobs (default 1 GiB): each
         * target session's {@code maintenance_work_mem} is this divided by the jobs, from 64 MiB to 2 GiB.
         */
        public Builder indexBuildMemory(long bytes) {
            request.indexBuildMemory(bytes);
            return this;
        }

        /** Tables larger than this many bytes copy in parallel parts (default 1 GiB). */
        public Builder splitTablesLargerThan(long bytes) {
            request.splitTablesLargerThan(bytes);
            return this;
        }

        /**
         * Online mode: stop the migration and drop its replication slot when the slot holds back
         * more than this many bytes of WAL on the source (see {@link MigrationRequest#maxRetainedWalBytes()}).
         */
        public Builder maxRetainedWal(long bytes) {
            request.maxRetainedWalBytes(bytes);
            return this;
        }

        /** Online mode: replicate the source's DDL while the migration runs (see {@link MigrationRequest#replicateDdl()}). */
        public Builder replicateDdl(boolean replicate) {
            request.replicateDdl(replicate);
            return this;
        }

        /**
         * Continues the earlier offline run into this target that failed, was cancelled or killed
         * (then {@link #execute()} or {@link #start()}): tasks the target's journal records as done
         * are skipped, a half-copied table part (rolled back with its transaction) is copied again,
         * nothing is copied twice. The rest is read under a new snapshot, so the source must not
         * have changed since the first run; verification at the end compares the whole target.
         * Give the same source, target and options as the first run: a source schema or filter
         * that differs is refused ({@link ErrorKind#SOURCE_SCHEMA_CHANGED}).
         *
         * <p>Online, with {@link #start()}: continues the online migration into this target whose
         * process died or that failed (its slot, publication, origin, journal and control row stay
         * for that): what is left of its copy is read under a new snapshot whose place in the
         * slot's stream is known, and the stream goes on from the last change the target committed,
         * none lost or applied twice. A cutover that had been asked for completes without being
         * asked again. One that was cancelled or passed the WAL limit cannot be resumed;
         * {@link #abandon()} clears what a stopped one left.
         */
        public Builder resume() {
            request.resume(true);
            return this;
        }

        /**
         * Also migrates the source database's subscriptions (default: left out, with a warning that
         * names them). They are created disabled and without connecting to their publishers, as
         * pg_dump creates them, keeping their connection strings, publications, slot names and
         * options; a warning names them. Enable each on the target (ALTER SUBSCRIPTION ... ENABLE,
         * then REFRESH PUBLICATION) once the source's subscription no longer uses its slot.
         * Reading subscriptions needs a superuser on the source.
         */
        public Builder subscriptions(boolean migrate) {
            request.subscriptions(migrate);
            return this;
        }

        /**
         * Leaves out the objects the target cannot create (a C function whose library or symbol it
         * lacks, a built-in its major does not have, a missing handler, an object only a superuser
         * may create when the target user is not one) and everything that depends on them, each
         * named in a warning; verification then does not expect them. Without it (the default) the
         * migration refuses before it changes the target ({@link ErrorKind#UNCREATABLE_OBJECTS}),
         * naming each object, why, and what depends on it.
         */
        public Builder leaveOutUncreatableObjects(boolean leaveOut) {
            request.leaveOutUncreatableObjects(leaveOut);
            return this;
        }

        /**
         * Where the tables, indexes and materialized views of source tablespaces go on the target;
         * may be called again to add more. Without a mapping an object stays in the tablespace of the
         * same name, and a source tablespace the target server lacks is refused before anything is
         * changed, naming it: create it on the target, or map it here (to another tablespace, or to
         * the target database's default with {@link TablespaceMapping#toDefault(String)} or
         * {@link TablespaceMapping#allToDefault()}).
         */
        public Builder tablespaces(TablespaceMapping... mappings) {
            for (TablespaceMapping m : mappings) {
                request.addTablespaces(Objects.requireNonNull(m, "mapping"));
            }
            return this;
        }

        /**
         * Asks {@code strategy} how each table's rows travel (format, parts, a transformation on
         * the way, a throttle), before the strategies added after it and the built-in one; it takes
         * the tables it returns a plan for. Offline migrations only. Incubating: see {@link
         * org.pgmigrate.spi.copy.CopyStrategy}.
         */
        public Builder copyStrategy(org.pgmigrate.spi.copy.CopyStrategy strategy) {
            request.addCopyStrategies(Objects.requireNonNull(strategy, "strategy"));
            return this;
        }

        /** The COPY format rows travel in (default: binary where it is safe, else text). */
        public Builder copyFormat(CopyFormat format) {
            request.copyFormat(Objects.requireNonNull(format, "format"));
            return this;
        }

        /** Whether the target is compared with the source after the copy (default: fail on any difference). */
        public Builder verification(VerificationPolicy policy) {
            request.verification(Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /** Receives progress; called from worker threads (see {@link MigrationListener}). */
        public Builder listener(MigrationListener listener) {
            request.listener(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Builder clock(Clock clock) {
            request.clock(Objects.requireNonNull(clock, "clock"));
            return this;
        }

        /**
         * Serves, while the migration runs, a status page on {@code http://127.0.0.1:PORT/} that
         * refreshes itself, and {@code /status.json} for tools to poll: the phase, the tables done
         * and in flight, rates, the time left and, online, the lag. Nothing secret is in it (no
         * connection strings, no passwords). Bound to the loopback address only; use
         * {@link #statusAddress} for another. Port 0 takes a free one ({@link MigrationHandle#statusPage()}).
         * The page stays up until the run's handle is closed ({@link #execute()} closes it at its end).
         */
        public Builder statusPort(int port) {
            if (port < 0 || port > 65535) {
                throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "The status port must be between 0 and 65535, was " + port + ".");
            }
            return statusAddress(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
        }

        /** {@link #statusPort} on another address than the loopback one: everyone who can reach it sees the page. */
        public Builder statusAddress(java.net.InetSocketAddress address) {
            request.statusAddress(Objects.requireNonNull(address, "address"));
            return this;
        }

        /**
         * Makes every thread the run starts, for callers that own their threads (names, context,
         * an application server's managed threads). pgmigrate neither names nor relies on the
         * names of the threads it makes; whether they are daemon threads is the factory's choice
         * (by default they are, so a run does not keep the JVM alive).
         */
        public Builder threadFactory(java.util.concurrent.ThreadFactory threadFactory) {
            request.threadFactory(Objects.requireNonNull(threadFactory, "threadFactory"));
            return this;
        }

        /** The request as described so far. */
        public MigrationRequest request() {
            if (!hasTarget) {
                throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "No target: call to(Endpoint) before execute().");
            }
            return request.filter(filter.build()).build();
        }

        /**
         * A dry run: connects to both servers, runs the checks that must pass before a migration
         * starts, finds the roles and databases it would create, reads each source database under a
         * snapshot, applies the filter and says what a migration would do, changing nothing on either
         * server. Objects the filter leaves out while objects it takes depend on them are listed in
         * {@link DatabasePlan#brokenDependencies()} instead of failing the plan.
         *
         * @throws PgMigrateException when the checks fail (e.g. {@link ErrorKind#TARGET_NOT_EMPTY})
         */
        public MigrationPlan plan() {
            MigrationRequest request = request();
            return engine().plan(request);
        }

        /**
         * Compares the target with the source now, without migrating: every table's rows,
         * sequences, large objects and the schema. Both databases should be quiet meanwhile.
         */
        public VerificationReport verify() {
            MigrationRequest request = request();
            return engine().verify(request);
        }

        /**
         * Runs the pre-migration rules only (the {@link MigrationOption#VALIDATE} option, whatever
         * {@link #option} says) and returns what they found, whatever the outcome. Reads both servers
         * and changes nothing on either: safe to run while applications work. An unreachable server
         * or rejected credentials are findings of the report, not exceptions.
         *
         * @throws PgMigrateException when validation itself cannot run ({@link ErrorKind#VALIDATION_ERROR},
         *         {@link ErrorKind#INVALID_REQUEST} for an unknown rule id)
         */
        public ValidationReport validate() {
            MigrationRequest validation = MigrationRequest.builder().from(request()).option(MigrationOption.VALIDATE).build();
            return engine().validate(validation);
        }

        /**
         * Runs the migration and returns what it did. In {@link MigrationMode#ONLINE} mode it copies,
         * streams, and returns after a cutover requested from another process through the target
         * ({@code pgmigrate cutover --target URL}); use {@link #start()} to control it from here.
         * The work runs on the run's own threads (see {@link #threadFactory}) while the calling
         * thread waits: interrupting it cancels the migration as {@link MigrationHandle#cancel()}
         * does, and this then throws {@link ErrorKind#CANCELLED} with the thread's interrupt flag
         * set. With {@link MigrationOption#VALIDATE_AND_MIGRATE}
         * the rules run first and the result carries their report ({@link MigrationResult#validation()});
         * with {@link MigrationOption#VALIDATE} only the rules run, and the result has the report and no
         * phases (prefer {@link #validate()}, which returns the report even when it failed).
         *
         * @throws ValidationFailedException when a rule failed (VALIDATE and VALIDATE_AND_MIGRATE); the target is then untouched
         * @throws MigrationFailedException when it fails after changing the target, with the partial result
         * @throws PgMigrateException when it cannot start; the target is then untouched
         */
        public MigrationResult execute() {
            MigrationRequest request = request();
            return engine().execute(request);
        }

        /**
         * Starts the migration on a thread of its own and returns at once; the handle waits for its
         * end ({@link MigrationHandle#await()}) or stops it ({@link MigrationHandle#cancel()}).
         *
         * <p>Offline, the handle's {@code await()} returns or throws what {@link #execute()} would
         * (the rules of {@link MigrationOption#VALIDATE_AND_MIGRATE} run first on the migration's
         * thread). {@code cancel()} stops every worker within seconds: running statements are
         * cancelled on the servers, open transactions roll back and every connection closes; the
         * run then ends with {@link ErrorKind#CANCELLED} and, once the target was changed, can be
         * continued with {@link #resume()}.
         *
         * <p>Online ({@link MigrationMode#ONLINE}), it copies, then applies the source's changes until
         * {@link MigrationHandle#cutover()}. Validation always runs first in online mode, in this call:
         * it throws {@link ValidationFailedException} when a rule failed, changing nothing.
         *
         * @throws PgMigrateException when it cannot start
         */
        public MigrationHandle start() {
            MigrationRequest request = request();
            return engine().start(request);
        }

        /**
         * Drops what a stopped online migration into this target kept for its {@link #resume()}:
         * the replication slot and publication on the source, which hold back the source's WAL, and
         * the replication origin, journal and control row on the target. The partial copy stays in
         * the target database. Refused while the migration runs ({@link ErrorKind#TARGET_BUSY}) and
         * when there is none.
         *
         * @return what was dropped, one line per server
         */
        public List<String> abandon() {
            return engine().abandon(request());
        }
    }

    private static MigrationEngine engine() {
        return onlyEngine(ServiceLoader.load(MigrationEngine.class, Migration.class.getClassLoader()));
    }

    /** The one engine found; none, or more than one (two versions on the classpath), is refused. */
    static MigrationEngine onlyEngine(Iterable<MigrationEngine> found) {
        List<MigrationEngine> engines = new ArrayList<>();
        found.forEach(engines::add);
        if (engines.isEmpty()) {
            throw new PgMigrateException(ErrorKind.ENGINE_MISSING,
                    "No pgmigrate engine found: add the artifact org.pgmigrate:pgmigrate-engine to the classpath.");
        }
        if (engines.size() > 1) {
            throw new PgMigrateException(ErrorKind.ENGINE_AMBIGUOUS, "Found " + engines.size() + " pgmigrate engines on the"
                    + " classpath (" + engines.stream().map(e -> e.getClass().getName() + " from "
                    + e.getClass().getProtectionDomain().getCodeSource()).collect(Collectors.joining(", "))
                    + "); pgmigrate will not choose one: keep a single org.pgmigrate:pgmigrate-engine.");
        }
        return engines.get(0);
    }
}
