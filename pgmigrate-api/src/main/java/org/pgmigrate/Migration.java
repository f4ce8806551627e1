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
 */
public final class Migration {
    private Migration() {}

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

        /** Parallel workers for copying and index builds (default: the number of cores). */
        public Builder jobs(int jobs) {
            request.jobs(jobs);
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
         * Runs the migration and returns what it did.
         *
         * @throws MigrationFailedException when it fails after changing the target, with the partial result
         * @throws PgMigrateException when it cannot start; the target is then untouched
         */
        public MigrationResult execute() {
            MigrationRequest request = request();
            return engine().execute(request);
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
