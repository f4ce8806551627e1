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

    public abstract Duration duration();

    public static class Builder extends ImmutableIndexResult.Builder {}
}
