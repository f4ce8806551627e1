package org.pgmigrate;

import java.time.Duration;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * One piece of work of a run, where and when it ran: the copy of a table or of a part of it, an
 * index build, a constraint, a table's verification. {@link MigrationResult#timeline()} holds one
 * per task, so a report can draw the run's lanes and its critical path, and its throughput over
 * time from the copies' rows and bytes over their spans.
 */
@Value.Immutable
public abstract class TimelineEntry {
    /** What the work was. */
    public enum Kind {
        /** The copy of a table's rows (all of them, or a part: see {@link #part()}). */
        COPY,
        /** The build of an index, or of the unique index a primary key or unique constraint then uses. */
        INDEX,
        /** A constraint that is not built as an index, e.g. a foreign key. */
        CONSTRAINT,
        /** The comparison of a table's rows (or of a part of them) with the source; or of one side's catalogs (no table). */
        VERIFY
    }

    public static Builder builder() {
        return new Builder();
    }

    public abstract Kind kind();

    /** The table, named as in SQL; empty for work on no table (the verification's read of the catalogs). */
    public abstract String table();

    /** The index or constraint, named as in SQL; for a copy of a part, the part (e.g. a page range); else empty. */
    @Value.Default
    public String part() {
        return "";
    }

    /** The worker that did it, from 1 to the run's jobs; 0 for the run's own connection. */
    public abstract int lane();

    public abstract Instant start();

    public abstract Instant end();

    /** Rows copied (or compared, for a verification); 0 for the other kinds. */
    @Value.Default
    public long rows() {
        return 0;
    }

    /** Bytes of COPY data streamed; 0 for the other kinds. */
    @Value.Default
    public long bytes() {
        return 0;
    }

    public Duration duration() {
        return Duration.between(start(), end());
    }

    @Value.Check
    void check() {
        if (end().isBefore(start())) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "A timeline entry cannot end (" + end() + ") before it starts ("
                    + start() + ").");
        }
    }

    public static class Builder extends ImmutableTimelineEntry.Builder {}
}
