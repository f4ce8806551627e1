package org.pgmigrate;

import org.immutables.value.Value;

/** A table a dry run found to migrate, with the source's estimates of its size. */
@Value.Immutable
public abstract class PlannedTable {
    public static Builder builder() {
        return new Builder();
    }

    public abstract String schema();

    public abstract String name();

    /** On-disk size at the source. */
    public abstract long estimatedBytes();

    /** The planner's row estimate at the source, -1 when the table was never analyzed. */
    public abstract long estimatedRows();

    /** False when the filter keeps the table but not its rows. */
    public abstract boolean dataIncluded();

    /** {@code schema.name}, quoted as in SQL where needed. */
    public String qualifiedName() {
        return SqlNames.qualified(schema(), name());
    }

    public static class Builder extends ImmutablePlannedTable.Builder {}
}
