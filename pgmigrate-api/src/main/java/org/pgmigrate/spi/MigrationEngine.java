package org.pgmigrate.spi;

import java.time.Duration;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationPlan;
import org.pgmigrate.MigrationRequest;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.VerificationReport;

/**
 * The contract between the API and its implementation, found with {@link java.util.ServiceLoader}.
 * pgmigrate-engine provides it; applications do not implement it.
 */
public interface MigrationEngine {
    MigrationResult execute(MigrationRequest request);

    /** Runs the pre-migration rules for the request and reports what they found, changing nothing. */
    ValidationReport validate(MigrationRequest request);

    /** Compares the request's target with its source without migrating. */
    VerificationReport verify(MigrationRequest request);

    /** Reads both servers and says what the migration would do, changing nothing on either. */
    MigrationPlan plan(MigrationRequest request);

    /** Starts a migration, offline or online, on a thread of its own and returns at once. */
    default MigrationHandle start(MigrationRequest request) {
        throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "This pgmigrate engine cannot start migrations in the background: use execute().");
    }

    /** Drops what a stopped online migration into the request's target kept for its resume; says what, one line per server. */
    default java.util.List<String> abandon(MigrationRequest request) {
        throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "This pgmigrate engine cannot run online migrations.");
    }

    /** Asks the online migration streaming into {@code target} to cut over, and waits; returns its id. */
    default String requestCutover(Endpoint target, Duration timeout) {
        throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "This pgmigrate engine cannot run online migrations.");
    }
}
