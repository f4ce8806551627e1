package org.pgmigrate.spi;

import org.pgmigrate.MigrationPlan;
import org.pgmigrate.MigrationRequest;
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
}
