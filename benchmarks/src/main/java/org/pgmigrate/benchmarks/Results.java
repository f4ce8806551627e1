package org.pgmigrate.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pgmigrate.benchmarks.tools.CpuSeconds;
import org.pgmigrate.benchmarks.tools.HeapPeak;
import org.pgmigrate.benchmarks.tools.Measure;
import org.pgmigrate.benchmarks.tools.ToolRun;

/** Everything measured so far: a line per measure, in the order the measures were registered. */
final class Results {
    private final Map<Measure, ResultLine> lines = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private HeapPeak heap;

    void register(List<Measure> measures) {
        measures.forEach(m -> lines.computeIfAbsent(m, ResultLine::new));
    }

    /** One finished run: each of its timings, with the outcome of the target check; its CPU time goes with {@code main}. */
    void add(Measure main, ToolRun run, Optional<CpuSeconds> cpu, Outcome outcome) {
        run.timings().forEach((measure, duration) -> line(measure).add(seconds(duration), outcome));
        cpu.ifPresent(line(main)::addCpu);
        run.heap().ifPresent(peak -> heap = heap == null ? peak : heap.max(peak));
        notes.addAll(run.notes());
    }

    void failed(List<Measure> measures) {
        measures.forEach(m -> line(m).failed());
    }

    void note(String note) {
        notes.add(note);
    }

    List<ResultLine> lines() {
        return List.copyOf(lines.values());
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    /** pgmigrate's largest heap over all its runs. */
    Optional<HeapPeak> heap() {
        return Optional.ofNullable(heap);
    }

    Optional<ResultLine> pgmigrate() {
        return measuredOf(Measure.Kind.PGMIGRATE).findFirst();
    }

    Optional<ResultLine> fastestAlternative() {
        return measuredOf(Measure.Kind.ALTERNATIVE).min(Comparator.comparingDouble(ResultLine::median));
    }

    Optional<ResultLine> copy() {
        return measuredOf(Measure.Kind.COPY).findFirst();
    }

    Optional<ResultLine> floor() {
        return measuredOf(Measure.Kind.FLOOR).findFirst();
    }

    boolean allEqual() {
        return lines.values().stream().allMatch(l -> l.count(Outcome.DIFFERENT) == 0 && l.count(Outcome.FAILED) == 0);
    }

    private java.util.stream.Stream<ResultLine> measuredOf(Measure.Kind kind) {
        return lines.values().stream().filter(l -> l.measure().kind() == kind && l.measured());
    }

    private ResultLine line(Measure measure) {
        return lines.computeIfAbsent(measure, ResultLine::new);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
