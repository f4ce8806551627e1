package org.pgmigrate;

import java.time.Duration;
import java.util.List;
import org.immutables.value.Value;

/**
 * The comparison of a target database with its source: every table's row count and a digest of
 * its rows, sequences, large objects and the schema.
 */
@Value.Immutable
public abstract class VerificationReport {
    public static Builder builder() {
        return new Builder();
    }

    public abstract List<TableVerification> tables();

    /** Everything found different; empty when the databases are equal. */
    public abstract List<VerificationDifference> differences();

    /** What was not compared, and why (e.g. definitions rendered by different major versions). */
    public abstract List<String> notes();

    public abstract Duration duration();

    @Value.Derived
    public boolean equal() {
        return differences().isEmpty();
    }

    public static class Builder extends ImmutableVerificationReport.Builder {}
}
