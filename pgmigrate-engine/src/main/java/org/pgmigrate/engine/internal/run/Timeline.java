package org.pgmigrate.engine.internal.run;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.pgmigrate.TimelineEntry;

/**
 * The run's {@link TimelineEntry timeline}, recorded by the workers where the work happens: one
 * small entry per task, so a run of 10,000 tables holds a few tens of thousands. Thread-safe.
 */
public final class Timeline {
    /** For work nobody reports, e.g. verification by {@code pgmigrate verify}. */
    public static final Timeline NONE = new Timeline(Clock.systemUTC(), false);

    private final Clock clock;
    private final boolean recording;
    private final List<TimelineEntry> entries = new ArrayList<>();

    public Timeline(Clock clock) {
        this(clock, true);
    }

    private Timeline(Clock clock, boolean recording) {
        this.clock = clock;
        this.recording = recording;
    }

    /** The instant a task starts, by the run's clock. */
    public Instant now() {
        return clock.instant();
    }

    /** A task that ends now. */
    public void add(TimelineEntry.Kind kind, String table, String part, int lane, Instant start, long rows, long bytes) {
        add(entry(kind, table, part, lane, start, clock.instant(), rows, bytes));
    }

    public void add(TimelineEntry entry) {
        if (!recording) {
            return;
        }
        synchronized (entries) {
            entries.add(entry);
        }
    }

    /** An entry to {@link #add(TimelineEntry) add} later, e.g. once the transaction it ran in has committed. */
    public static TimelineEntry entry(TimelineEntry.Kind kind, String table, String part, int lane, Instant start, Instant end,
                                      long rows, long bytes) {
        return TimelineEntry.builder().kind(kind).table(table).part(part).lane(lane).start(start).end(end).rows(rows).bytes(bytes).build();
    }

    public List<TimelineEntry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }
}
