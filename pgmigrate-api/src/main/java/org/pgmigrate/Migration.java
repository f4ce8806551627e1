package org.pgmigrate;

import java.time.Clock;
import java.util.Iterator;
import java.util.Objects;
import java.util.ServiceLoader;
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
         * Validation rules not to run, by id (e.g. {@code "superuser-owned-objects"}): for a finding you
         * have looked at and accept. An unknown id is refused, so a typo cannot go unnoticed.
         */
        public Builder disableRules(String... ruleIds) {
            for (String id : ruleIds) {
                request.addDisabledRules(Objects.requireNonNull(id, "ruleId"));
            }
            return this;
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

        /** The request as described so far. */
        public MigrationRequest request() {
            if (!hasTarget) {
                throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "No target: call to(Endpoint) before execute().");
            }
            return request.build();
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
         * Otherwise:  With {@link MigrationOption#VALIDATE_AND_MIGRATE}
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
         * Starts an online migration ({@link MigrationMode#ONLINE}) and returns at once: it copies,
         * then applies the source's changes until {@link MigrationHandle#cutover()}. Validation
         * always runs first in online mode; the call throws {@link ValidationFailedException} when a
         * rule failed, changing nothing.
         *
         * @throws PgMigrateException when it cannot start ({@link ErrorKind#INVALID_REQUEST} for offline mode)
         */
        public MigrationHandle start() {
            MigrationRequest request = request();
            if (request.mode() != MigrationMode.ONLINE) {
                throw new PgMigrateException(ErrorKind.INVALID_REQUEST,
                        "start() runs online migrations: call mode(MigrationMode.ONLINE) first, or use execute() for offline.");
            }
            return engine().start(request);
        }
    }

    private static MigrationEngine engine() {
        Iterator<MigrationEngine> engines = ServiceLoader.load(MigrationEngine.class, Migration.class.getClassLoader()).iterator();
        if (!engines.hasNext()) {
            throw new PgMigrateException(ErrorKind.ENGINE_MISSING,
                    "No pgmigrate engine found: add the artifact org.pgmigrate:pgmigrate-engine to the classpath.");
        }
        return engines.next();
    }
}
