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
