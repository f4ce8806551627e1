package org.pgmigrate.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.pgmigrate.benchmarks.tools.CpuSeconds;
import org.pgmigrate.benchmarks.tools.HeapPeak;
import org.pgmigrate.benchmarks.tools.Measure;

/**
 * The results as Markdown (readable in a terminal, and pasted as it is into README): a line per
 * measure with its median, every run, throughput, pgmigrate's ratio to it and how the target
 * checks went, then pgmigrate's ratios to the fastest alternative and to the floor, and its heap.
 */
final class Report {
    /** The goal: pgmigrate's median at most this fraction of the fastest alternative's. */
    static final double GOAL_RATIO = 0.75;
    /** The goal: verification adds at most this fraction of the copy's wall time to the default run. */
    static final double GOAL_VERIFICATION_SHARE = 0.20;
    /** The goal: pgmigrate's heap under this. */
    static final long GOAL_HEAP_BYTES = 512L * 1024 * 1024;

    private Report() {}

    static String render(Setup setup, Results results) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "Source: %s (pg_database_size), %,d rows in %d tables. Servers: %s."
                        + " Every tool gets %d jobs; %d round%s, the tools' order rotating each round. Machine: %s.",
                ByteSize.format(setup.databaseBytes()), setup.rows(), setup.tables(), setup.servers(), setup.jobs(),
                setup.rounds(), setup.rounds() == 1 ? "" : "s", setup.machine()));
        out.add("");
        out.add("| tool | median | runs | MB/s | rows/s | pgmigrate ÷ tool | target equal to source |");
        out.add("|---|---:|---|---:|---:|---:|---|");
        Optional<Double> pgmigrate = results.pgmigrate().map(ResultLine::median);
        for (ResultLine line : results.lines()) {
            out.add(row(line, setup, pgmigrate));
        }
        out.add("");
        cpu(results, out);
        pgmigrate.ifPresent(median -> summary(median, results, out));
        results.heap().ifPresent(heap -> out.add(heapLine(heap)));
        results.notes().forEach(note -> out.add("- " + note));
        return String.join("\n", out) + "\n";
    }

    private static String row(ResultLine line, Setup setup, Optional<Double> pgmigrate) {
        String label = label(line);
        if (!line.measured()) {
            return "| " + label + " | failed | | | | | " + outcomes(line) + " |";
        }
        double median = line.median();
        String runs = line.seconds().stream().map(s -> String.format(Locale.ROOT, "%.1f", s)).collect(Collectors.joining(", "));
        boolean own = line.measure().kind() == Measure.Kind.EXTRA || line.measure().kind() == Measure.Kind.COPY;
        String ratio = own || pgmigrate.isEmpty() ? "–" : ratio(pgmigrate.get() / median);
        return String.format(Locale.ROOT, "| %s | %.1f s | %s | %.1f | %,.0f | %s | %s |", label, median, runs,
                setup.databaseBytes() / 1e6 / median, setup.rows() / median, ratio, outcomes(line));
    }

    /**
     * Where the CPU went: every party shares the machine's cores, so a run's CPU seconds divided
     * by the cores bound its wall time from below.
     */
    private static void cpu(Results results, List<String> out) {
        List<ResultLine> measured = results.lines().stream().filter(l -> l.medianCpu().isPresent()).toList();
        if (measured.isEmpty()) {
            return;
        }
        out.add("CPU seconds of the median run (by total): the target server's processes, the source's, the client"
                + " (pgmigrate's JVM, or the programs started), and their total over the " + Machine.cores()
                + " cores, the least wall time that work allows.");
        out.add("");
        out.add("| tool | target | source | client | total | ÷ cores |");
        out.add("|---|---:|---:|---:|---:|---:|");
        for (ResultLine line : measured) {
            CpuSeconds cpu = line.medianCpu().orElseThrow();
            out.add(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.1f s |", label(line),
                    cpu.target(), cpu.source(), cpu.client(), cpu.total(), cpu.total() / Machine.cores()));
        }
        out.add("");
    }

    private static void summary(double pgmigrate, Results results, List<String> out) {
        results.fastestAlternative().ifPresent(fastest -> {
            double ratio = pgmigrate / fastest.median();
            out.add(String.format(Locale.ROOT, "- pgmigrate ÷ fastest alternative (%s): **%s** (goal: at most %.2f, %s)",
                    fastest.measure().label(), ratio(ratio), GOAL_RATIO, ratio <= GOAL_RATIO ? "met" : "not met"));
        });
        results.copy().ifPresent(copy -> {
            double share = (pgmigrate - copy.median()) / copy.median();
            out.add(String.format(Locale.ROOT, "- verification's cost: the default run takes %.1f s more than the copy alone, **%.0f%%** of"
                    + " the copy's %.1f s (goal: at most %.0f%%, %s)", pgmigrate - copy.median(), share * 100, copy.median(),
                    GOAL_VERIFICATION_SHARE * 100, share <= GOAL_VERIFICATION_SHARE ? "met" : "not met"));
        });
        results.floor().ifPresent(floor -> out.add("- pgmigrate ÷ ingest floor: **" + ratio(pgmigrate / floor.median()) + "**"));
    }

    private static String heapLine(HeapPeak heap) {
        return String.format(Locale.ROOT, "- pgmigrate peak JVM heap: %s in use at most (sampled every 50 ms), %s at most left after a"
                        + " garbage collection (goal: under %s, %s)",
                mebibytes(heap.used()), mebibytes(heap.afterGc()), mebibytes(GOAL_HEAP_BYTES),
                heap.used() < GOAL_HEAP_BYTES ? "met" : "not met");
    }

    private static String outcomes(ResultLine line) {
        int runs = line.count(Outcome.EQUAL) + line.count(Outcome.DIFFERENT) + line.count(Outcome.FAILED);
        List<String> parts = new ArrayList<>();
        parts.add(line.count(Outcome.EQUAL) + "/" + runs + " equal");
        if (line.count(Outcome.DIFFERENT) > 0) {
            parts.add("**" + line.count(Outcome.DIFFERENT) + " DIFFERENT**");
        }
        if (line.count(Outcome.FAILED) > 0) {
            parts.add("**" + line.count(Outcome.FAILED) + " FAILED**");
        }
        return String.join(", ", parts);
    }

    private static String label(ResultLine line) {
        return line.measure().label().replace("|", "\\|");
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024.0));
    }
}
