package org.pgmigrate.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.pgmigrate.DataPlan;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.TableProgress;
import org.pgmigrate.TableResult;

class TerminalProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicLong clock = new AtomicLong();
    private final TerminalProgress progress = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock::get);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static TableProgress copying(String table, long rows, long seconds) {
        return TableProgress.builder().qualifiedName(table).rows(rows).bytes(rows * 100).estimatedRows(OptionalLong.of(10_000))
                .elapsed(Duration.ofSeconds(seconds)).build();
    }

    @Test
    void drawsTheOverallBarWithEtaAndTheTablesInFlight() {
        progress.phaseStarted(Phase.DATA);
        progress.dataPlanned(DataPlan.of(3, 20_000, 1 << 20));
        clock.set(Duration.ofSeconds(1).toNanos());
        progress.tableStarted("shop.orders");
        assertThat(output()).contains("  shop.orders  starting");
        clock.set(Duration.ofSeconds(10).toNanos());
        progress.tableProgress(copying("shop.orders", 5_000, 10));

        String out = output();
        assertThat(out).contains("DATA started");
        assertThat(out).contains("[########......................] 25%  5,000 / ~20,000 rows  0/3 tables  ETA 30.0 s");
        assertThat(out).contains("  shop.orders  5,000 rows  500 rows/s");
        // the earlier frame (bar and one "starting" line) is erased before the new one is drawn
        assertThat(out).contains("\u001B[2F\u001B[J");
    }

    @Test
    void redrawsAtMostFiveTimesASecond() {
        progress.dataPlanned(DataPlan.of(1, 1_000, 0));
        progress.tableStarted("t");
        int before = output().length();
        clock.addAndGet(Duration.ofMillis(50).toNanos());
        progress.tableProgress(copying("t", 10, 1));
        assertThat(output().length()).isEqualTo(before);
        clock.addAndGet(Duration.ofMillis(200).toNanos());
        progress.tableProgress(copying("t", 20, 1));
        assertThat(output().length()).isGreaterThan(before);
    }

    @Test
    void finishedTablesCountTowardsTheBarAndTheFrameEndsWithTheDataPhase() {
        progress.dataPlanned(DataPlan.of(2, 100, 0));
        progress.tableStarted("a");
        progress.tableFinished(TableResult.builder().schema("public").name("a").rows(50).bytes(500)
                .copyDuration(Duration.ofSeconds(1)).indexDuration(Duration.ZERO).build());
        assertThat(output()).contains("50%").contains("1/2 tables");
        progress.phaseFinished(PhaseResult.of(Phase.DATA, Duration.ofSeconds(2)));
        String afterData = output().substring(output().lastIndexOf("DATA finished"));
        assertThat(afterData).doesNotContain("tables").doesNotContain("[");
    }

    @Test
    void withoutRowEstimatesItCountsRowsWithoutABar() {
        progress.dataPlanned(DataPlan.of(1, 0, 0));
        progress.tableStarted("t");
        assertThat(output()).contains("0 rows  0/1 tables").doesNotContain("[#").doesNotContain("ETA");
    }
}
