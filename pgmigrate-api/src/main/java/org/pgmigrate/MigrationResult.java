package org.pgmigrate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/** What a migration did: per phase and per table figures, and its warnings. */
@Value.Immutable
public abstract class MigrationResult {
    public static Builder builder() {
        return new Builder();
    }

    /** Identifies the run in logs (MDC {@code pgmigrate.migration}). */
    public abstract String migrationId();

    public abstract MigrationMode mode();

    public abstract ServerInfo source();

    public abstract ServerInfo target();

    public abstract Instant startedAt();

    public abstract Duration duration();

    public abstract List<PhaseResult> phases();

    public abstract List<TableResult> tables();

    /** Number of objects created on the target, per kind (e.g. "table", "index", "function"). */
    public abstract Map<String, Integer> objects();

    public abstract List<MigrationWarning> warnings();

    /** The comparison of target and source, unless verification was skipped. */
    public abstract java.util.Optional<VerificationReport> verification();

    /** Parallel workers the migration ran with. */
    public abstract int jobs();

    /** The other choices the migration ran with, by name (copyFormat, verification, ...), for reports. */
    public abstract Map<String, String> options();

    /**
     * The validation report of a run with {@link MigrationOption#VALIDATE_AND_MIGRATE} or
     * {@link MigrationOption#VALIDATE}; empty for {@link MigrationOption#MIGRATE}. A VALIDATE run has
     * no phases and no tables.
     */
    public abstract java.util.Optional<ValidationReport> validation();

    /**
     * Per database, for a migration of several databases ({@link DatabaseSelection#wholeServer()});
     * the top level then sums their tables, objects and warnings. Empty for one database.
     */
    public abstract List<MigrationResult> databases();

    /** What was done with roles, unless roles were left alone ({@link RoleSelection#NONE}). */
    public abstract java.util.Optional<RoleReport> roles();

    /**
     * Every copy, index build, constraint and table verification of the run, one entry each, in
     * the order they ended (work an earlier run of a resumed migration did is not in it).
     */
    public abstract List<TimelineEntry> timeline();

    /**
     * An online migration's lag, measured about once a second while it ran, at most
     * {@value #MAX_LAG_SAMPLES} samples spread over the whole run (empty for an offline one).
     */
    public abstract List<ReplicationLag> lag();

    /** How many {@link #lag()} samples a result keeps at most: a long stream keeps a sample every few seconds or minutes. */
    public static final int MAX_LAG_SAMPLES = 1000;

    /** Whether every phase ran to the end. */
    public abstract boolean completed();

    @Value.Derived
    public long totalRows() {
        return tables().stream().mapToLong(TableResult::rows).sum();
    }

    @Value.Derived
    public long totalBytes() {
        return tables().stream().mapToLong(TableResult::bytes).sum();
    }

    public static class Builder extends ImmutableMigrationResult.Builder {}
}
