package org.pgmigrate;

import java.util.List;
import org.immutables.value.Value;

/** The comparison of one table's rows on both sides. */
@Value.Immutable
public abstract class TableVerification {
    public static Builder builder() {
        return new Builder();
    }

    public abstract String schema();

    public abstract String name();

    public abstract long sourceRows();

    public abstract long targetRows();

    /** How many key ranges the table was compared in to locate a difference (1 when equal, or without an integer key). */
    public abstract int parts();

    /** The key ranges whose content differs, e.g. {@code id >= 1000 AND id < 2000}; empty when equal. */
    public abstract List<String> differingRanges();

    /** Whether row counts and row digests are the same on both sides. */
    public abstract boolean equal();

    public String qualifiedName() {
        return SqlNames.qualified(schema(), name());
    }

    public static class Builder extends ImmutableTableVerification.Builder {}
}
