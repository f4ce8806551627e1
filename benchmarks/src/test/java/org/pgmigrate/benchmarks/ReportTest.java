package org.pgmigrate.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pgmigrate.benchmarks.tools.CpuSeconds;
import org.pgmigrate.benchmarks.tools.HeapPeak;
import org.pgmigrate.benchmarks.tools.Measure;
import org.pgmigrate.benchmarks.tools.Measure.Kind;
import org.pgmigrate.benchmarks.tools.ToolRun;

class ReportTest {
    private static final Measure PGMIGRATE = new Measure("pgmigrate", Kind.PGMIGRATE);
    private static final Measure VERIFY = new Measure("pgmigrate verify", Kind.EXTRA);
    private static final Measure PIPE = new Measure("pg_dump | psql", Kind.ALTERNATIVE);
    private static final Measure DUMP = new Measure("dump + restore", Kind.ALTERNATIVE);
    private static final Measure FLOOR = new Measure("floor", Kind.FLOOR);
    private static final Measure PGCOPYDB = new Measure("pgcopydb", Kind.ALTERNATIVE);
    private static final Setup SETUP = new Setup(1_000_000_000L, 8_000_000L, 202, "two servers", 2, 3, "2 cores");

    private final Results results = new Results();

    @Test
    void givesMediansThroughputsRatiosAndOutcomesPerLine() {
        results.register(List.of(PGMIGRATE, VERIFY, PIPE, DUMP, FLOOR));
        for (double s : new double[] {12, 8, 10}) {
            results.add(PGMIGRATE, run(Map.of(PGMIGRATE, s, VERIFY, 4), new HeapPeak(mib(100 + s), mib(20))), Optional.empty(), Outcome.EQUAL);
        }
        results.add(PIPE, run(Map.of(PIPE, 20.0), null), Optional.empty(), Outcome.EQUAL);
        results.add(PIPE, run(Map.of(PIPE, 16.0), null), Optional.empty(), Outcome.DIFFERENT);
        results.add(DUMP, run(Map.of(DUMP, 25.0, FLOOR, 8.0), null), Optional.empty(), Outcome.EQUAL);

        String report = Report.render(SETUP, results);

        assertThat(report).contains(
                "Source: 1.00 GB (pg_database_size), 8,000,000 rows in 202 tables. Servers: two servers. Every tool gets 2 jobs; 3 rounds,",
                "| pgmigrate | 10.0 s | 12.0, 8.0, 10.0 | 100.0 | 800,000 | 1.00 | 3/3 equal |",
                "| pgmigrate verify | 4.0 s | 4.0, 4.0, 4.0 | 250.0 | 2,000,000 | – | 3/3 equal |",
                "| pg_dump \\| psql | 18.0 s | 20.0, 16.0 | 55.6 | 444,444 | 0.56 | 1/2 equal, **1 DIFFERENT** |",
                "| dump + restore | 25.0 s | 25.0 | 40.0 | 320,000 | 0.40 | 1/1 equal |",
                "| floor | 8.0 s | 8.0 | 125.0 | 1,000,000 | 1.25 | 1/1 equal |",
                "- pgmigrate ÷ fastest alternative (pg_dump | psql): **0.56** (goal: at most 0.75, met)",
                "- pgmigrate ÷ ingest floor: **1.25**",
                "- pgmigrate peak JVM heap: 112 MiB in use at most (sampled every 50 ms), 20 MiB at most left after a garbage collection"
                        + " (goal: under 512 MiB, met)");
        assertThat(results.allEqual()).isFalse();
    }

    @Test
    void aToolThatAlwaysFailedShowsAsFailedAndIsNoRatio() {
        results.register(List.of(PGMIGRATE, PGCOPYDB));
        results.add(PGMIGRATE, run(Map.of(PGMIGRATE, 30.0), new HeapPeak(mib(600), mib(100))), Optional.empty(), Outcome.EQUAL);
        results.failed(List.of(PGCOPYDB));

        String report = Report.render(SETUP, results);

        assertThat(report).contains("| pgcopydb | failed | | | | | 0/1 equal, **1 FAILED** |",
                "(goal: under 512 MiB, not met)");
        assertThat(report).doesNotContain("fastest alternative", "ingest floor");
        assertThat(results.allEqual()).isFalse();
    }

    @Test
    void theVerificationsShareIsTheDefaultRunBeyondTheCopyAlone() {
        Measure copy = new Measure("pgmigrate, verification skipped", Kind.COPY);
        results.register(List.of(PGMIGRATE, copy, PIPE));
        results.add(PGMIGRATE, run(Map.of(PGMIGRATE, 11.0), null), Optional.empty(), Outcome.EQUAL);
        results.add(copy, run(Map.of(copy, 10.0), null), Optional.empty(), Outcome.EQUAL);
        results.add(PIPE, run(Map.of(PIPE, 16.0), null), Optional.empty(), Outcome.EQUAL);

        assertThat(Report.render(SETUP, results)).contains(
                "| pgmigrate, verification skipped | 10.0 s | 10.0 | 100.0 | 800,000 | – | 1/1 equal |",
                "- verification's cost: the default run takes 1.0 s more than the copy alone, **10%** of the copy's 10.0 s"
                        + " (goal: at most 20%, met)");
    }

    @Test
    void aSlowerPgmigrateMissesTheGoal() {
        results.register(List.of(PGMIGRATE, PIPE));
        results.add(PGMIGRATE, run(Map.of(PGMIGRATE, 9.0), null), Optional.empty(), Outcome.EQUAL);
        results.add(PIPE, run(Map.of(PIPE, 10.0), null), Optional.empty(), Outcome.EQUAL);

        assertThat(Report.render(SETUP, results)).contains("(pg_dump | psql): **0.90** (goal: at most 0.75, not met)");
        assertThat(results.allEqual()).isTrue();
    }

    @Test
    void theCpuTableShowsEachPartyOfTheRunWhoseTotalIsTheMedian() {
        results.register(List.of(PGMIGRATE, PIPE));
        results.add(PGMIGRATE, run(Map.of(PGMIGRATE, 9.0), null), Optional.of(new CpuSeconds(18.0, 4.0, 3.0)), Outcome.EQUAL);
        results.add(PGMIGRATE, run(Map.of(PGMIGRATE, 8.0), null), Optional.of(new CpuSeconds(10.0, 2.0, 1.0)), Outcome.EQUAL);
        results.add(PGMIGRATE, run(Map.of(PGMIGRATE, 8.5), null), Optional.of(new CpuSeconds(14.0, 4.0, 2.0)), Outcome.EQUAL);
        results.add(PIPE, run(Map.of(PIPE, 10.0), null), Optional.empty(), Outcome.EQUAL);

        String report = Report.render(SETUP, results);

        assertThat(report).contains("| pgmigrate | 14.0 | 4.0 | 2.0 | 20.0 | " + String.format(java.util.Locale.ROOT, "%.1f",
                20.0 / Runtime.getRuntime().availableProcessors()) + " s |");
        assertThat(report).doesNotContain("| pg_dump \\| psql | 10.0 |");
    }

    private static ToolRun run(Map<Measure, Number> seconds, HeapPeak heap) {
        Map<Measure, Duration> timings = new java.util.LinkedHashMap<>();
        seconds.forEach((m, s) -> timings.put(m, Duration.ofMillis(Math.round(s.doubleValue() * 1000))));
        return new ToolRun(timings, Optional.ofNullable(heap), List.of());
    }

    private static long mib(double mebibytes) {
        return Math.round(mebibytes * 1024 * 1024);
    }
}
