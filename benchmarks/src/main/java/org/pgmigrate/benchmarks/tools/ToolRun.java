package org.pgmigrate.benchmarks.tools;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What one run of a tool yielded: its timings, pgmigrate's heap, and anything worth a line. */
public record ToolRun(Map<Measure, Duration> timings, Optional<HeapPeak> heap, List<String> notes) {
    public ToolRun {
        timings = Map.copyOf(timings);
        notes = List.copyOf(notes);
    }

    static ToolRun timed(Measure measure, Duration duration) {
        return new ToolRun(Map.of(measure, duration), Optional.empty(), List.of());
    }
}
