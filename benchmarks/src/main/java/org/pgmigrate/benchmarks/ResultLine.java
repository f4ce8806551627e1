package org.pgmigrate.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pgmigrate.benchmarks.tools.CpuSeconds;
import org.pgmigrate.benchmarks.tools.Measure;

/** The timings of one measure over the rounds, and how its runs ended. */
final class ResultLine {
    private final Measure measure;
    private final List<Double> seconds = new ArrayList<>();
    private final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    private final List<CpuSeconds> cpu = new ArrayList<>();

    ResultLine(Measure measure) {
        this.measure = measure;
    }

    Measure measure() {
        return measure;
    }

    /** Seconds of the runs that finished, in the order they ran. */
    List<Double> seconds() {
        return List.copyOf(seconds);
    }

    int count(Outcome outcome) {
        return outcomes.getOrDefault(outcome, 0);
    }

    boolean measured() {
        return !seconds.isEmpty();
    }

    double median() {
        return Stats.median(seconds);
    }

    void add(double runSeconds, Outcome outcome) {
        seconds.add(runSeconds);
        outcomes.merge(outcome, 1, Integer::sum);
    }

    void addCpu(CpuSeconds run) {
        cpu.add(run);
    }

    /** The CPU time of the run whose total is the median, if CPU time was measured. */
    Optional<CpuSeconds> medianCpu() {
        if (cpu.isEmpty()) {
            return Optional.empty();
        }
        List<CpuSeconds> sorted = cpu.stream().sorted(Comparator.comparingDouble(CpuSeconds::total)).toList();
        return Optional.of(sorted.get((sorted.size() - 1) / 2));
    }

    void failed() {
        outcomes.merge(Outcome.FAILED, 1, Integer::sum);
    }
}
