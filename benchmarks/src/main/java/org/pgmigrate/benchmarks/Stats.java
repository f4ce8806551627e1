package org.pgmigrate.benchmarks;

import java.util.List;

/** The little statistics the report needs. */
final class Stats {
    private Stats() {}

    /** The middle value; the mean of the two middle ones for an even count. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("No values");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
