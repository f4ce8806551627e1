package org.pgmigrate;

import org.immutables.value.Value;

/** What the data phase is about to copy, from the source's statistics: the basis for an overall ETA. */
@Value.Immutable
public abstract class DataPlan {
    public static DataPlan of(int tables, long estimatedRows, long estimatedBytes) {
        return new Builder().tables(tables).estimatedRows(estimatedRows).estimatedBytes(estimatedBytes).build();
    }

    public abstract int tables();

    /** Sum of the planner's row estimates (pg_class.reltuples); 0 when tables were never analyzed. */
    public abstract long estimatedRows();

    /** Sum of the tables' on-disk sizes at the source. */
    public abstract long estimatedBytes();

    public static class Builder extends ImmutableDataPlan.Builder {}
}
