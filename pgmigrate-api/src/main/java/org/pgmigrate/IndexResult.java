package org.pgmigrate;

import java.time.Duration;
import org.immutables.value.Value;

/** An index or index-backed constraint built on the target. */
@Value.Immutable
public abstract class IndexResult {
    public static IndexResult of(String table, String name, Duration duration) {
        return new Builder().table(table).name(name).duration(duration).build();
    }

    /** The table, named as in SQL. */
    public abstract String table();

    /** The index or constraint, named as in SQL. */
    public abstract String name();

    /**
     * How long it took to build. Small tables' indexes are built together, with their statistics,
     * many tables in one round trip to the server: each table is given an equal share of the time
     * they took, and each of its indexes an equal share of the table's.
     */
    public abstract Duration duration();

    public static class Builder extends ImmutableIndexResult.Builder {}
}
