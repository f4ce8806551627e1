package org.pgmigrate;

import java.time.Duration;
import org.immutables.value.Value;

/** What was copied for one table. */
@Value.Immutable
public abstract class TableResult {
    public static Builder builder() {
        return new Builder();
    }

    public abstract String schema();

    public abstract String name();

    public abstract long rows();

    /** Bytes of COPY data streamed. */
    public abstract long bytes();

    /** Copy time, from the first row read to the last row written. */
    public abstract Duration copyDuration();

    /** Time spent building the table's indexes and constraints after its rows were in. */
    public abstract Duration indexDuration();

    /** {@code schema.name}, quoted as in SQL where needed. */
    public String qualifiedName() {
        return SqlNames.qualified(schema(), name());
    }

    public static class Builder extends ImmutableTableResult.Builder {}
}
