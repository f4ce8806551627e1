package org.pgmigrate.engine.internal;

import java.util.function.Supplier;
import org.pgmigrate.MigrationRequest;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.engine.internal.run.MigrationIds;
import org.pgmigrate.validation.Validator;

/** The engine's side of the VALIDATE and VALIDATE_AND_MIGRATE options: runs pgmigrate-validation. */
public final class ValidationRun {
    private ValidationRun() {}

    /** The report of every discovered rule that applies to the request; changes nothing. */
    public static ValidationReport validate(MigrationRequest request) {
        return Validator.withDiscoveredRules().validate(request);
    }

    /**
     * A run of the VALIDATE option through {@code execute()}: the rules only, then a result with the
     * report and no phases.
     *
     * @throws org.pgmigrate.ValidationFailedException when a rule failed
     */
    public static MigrationResult validateOnly(MigrationRequest request) {
        ValidationReport report = validate(request).throwIfFailed();
        // nothing failed, so both servers were reached and described
        return MigrationResult.builder()
                .migrationId(MigrationIds.next())
                .mode(request.mode())
                .source(report.source().orElseThrow())
                .target(report.target().orElseThrow())
                .startedAt(report.startedAt())
                .duration(report.duration())
                .jobs(request.jobs())
                .validation(report)
                .completed(true)
                .build();
    }

    /** Validates, and migrates with {@code migration} only when no rule failed; the result carries the report. */
    public static MigrationResult validateAndMigrate(MigrationRequest request, Supplier<MigrationResult> migration) {
        ValidationReport report = validate(request).throwIfFailed();
        return MigrationResult.builder().from(migration.get()).validation(report).build();
    }
}
