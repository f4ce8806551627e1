package org.pgmigrate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What pre-migration validation found: one or more {@link Finding}s per rule that ran, and the
 * overall {@link #outcome()}. Returned by {@link Migration.Builder#validate()}, carried by
 * {@link MigrationResult#validation()} after Validate-and-Migrate, and by
 * {@link ValidationFailedException} when the outcome is {@link Severity#FAILED}.
 *
 * <p>{@link #toText()} renders it for people. The command line writes it as JSON for programs, in
 * this shape (fields are only ever added, never renamed):
 *
 * <pre>{@code
 * {
 *   "outcome": "SUCCEEDED" | "WARNING" | "FAILED",
 *   "mode": "OFFLINE" | "ONLINE",
 *   "startedAt": "2025-01-31T10:15:30.123Z",
 *   "durationMillis": 420,
 *   "source": {"endpoint": "app at jdbc:postgresql://old:5432/shop", "reachable": true,
 *              "database": "shop", "versionNumber": 110022, "majorVersion": 11},
 *   "target": {"endpoint": "...", "reachable": false},          // database and versions only when reached
 *   "findings": [{"rule": "tables-with-oids", "severity": "FAILED",
 *                 "message": "...", "remediation": "...", "objects": ["public.t"]}, ...]
 * }
 * }</pre>
 */
@Value.Immutable
public abstract class ValidationReport {
    public static Builder builder() {
        return new Builder();
    }

    public abstract MigrationMode mode();

    /** The source as it was given, without credentials. */
    public abstract String sourceEndpoint();

    /** The target as it was given, without credentials. */
    public abstract String targetEndpoint();

    /** The source server and database, when validation could connect to it. */
    public abstract Optional<ServerInfo> source();

    /** The target server and database, when validation could connect to it. */
    public abstract Optional<ServerInfo> target();

    /** In the order the rules ran; every rule that ran and could judge has at least one finding. */
    public abstract List<Finding> findings();

    public abstract Instant startedAt();

    public abstract Duration duration();

    /** {@link Severity#FAILED} if any finding failed, else {@link Severity#WARNING} if any warned, else succeeded. */
    @Value.Derived
    public Severity outcome() {
        return findings().stream().map(Finding::severity).reduce(Severity.SUCCEEDED, Severity::worst);
    }

    /** The findings of one severity, in rule order. */
    public List<Finding> findings(Severity severity) {
        return findings().stream().filter(f -> f.severity() == severity).toList();
    }

    /** The findings of the rule with this id (none when it did not run). */
    public List<Finding> findingsOf(String rule) {
        return findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }

    /**
     * This report, when nothing failed.
     *
     * @throws ValidationFailedException when the outcome is {@link Severity#FAILED}
     */
    public ValidationReport throwIfFailed() {
        if (outcome() == Severity.FAILED) {
            throw new ValidationFailedException(this);
        }
        return this;
    }

    /** The report for people: the outcome, then failures and warnings with remediation, then what succeeded. */
    public String toText() {
        return ValidationText.format(this);
    }

    @Override
    public String toString() {
        return "ValidationReport{" + outcome() + ", " + findings(Severity.FAILED).size() + " failed, "
                + findings(Severity.WARNING).size() + " warnings, " + findings(Severity.SUCCEEDED).size() + " succeeded}";
    }

    public static class Builder extends ImmutableValidationReport.Builder {}
}
