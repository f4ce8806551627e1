package org.pgmigrate.benchmarks;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.pgmigrate.benchmarks.tools.Measure;

/** The timings of one measure over the rounds, and how its runs ended. */
final class ResultLine {
    private final Measure measure;
    private final List<Double> seconds = new ArrayList<>();
    private final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);

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

    void failed() {
        outcomes.merge(Outcome.FAILED, 1, Integer::sum);
    }
}
