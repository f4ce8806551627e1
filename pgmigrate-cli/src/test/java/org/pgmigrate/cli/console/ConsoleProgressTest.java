package org.pgmigrate.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;

class ConsoleProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private List<String> lines() {
        return List.of(bytes.toString(StandardCharsets.UTF_8).split("\\R"));
    }

    @Test
    void printsPhasesTablesAndWarningsWithElapsedTime() {
        ConsoleProgress progress = new ConsoleProgress(out, false, nanos::get);

        progress.phaseStarted(Phase.DATA);
        progress.tableStarted("public.orders");
        nanos.addAndGet(Duration.ofMillis(1500).toNanos());
        progress.tableFinished(SampleResults.table("public", "orders", 1234, 2048));
        progress.phaseFinished(PhaseResult.of(Phase.DATA, Duration.ofMillis(1500)));
        progress.warning(MigrationWarning.of("unsupported-object", "Skipped.", List.of("x")));

        assertThat(lines()).containsExactly(
                "[      0 ms] DATA started",
                "[     1.5 s]   public.orders: 1,234 rows, 2.0 KiB in 1.5 s, indexes in 250 ms",
                "[     1.5 s] DATA finished in 1.5 s",
                "[     1.5 s] warning unsupported-object: Skipped. [x]");
    }

    @Test
    void theClockStartsAtTheFirstEventNotAtConstruction() {
        ConsoleProgress progress = new ConsoleProgress(out, false, nanos::get);
        nanos.addAndGet(Duration.ofSeconds(30).toNanos()); // e.g. the demo starting its servers

        progress.phaseStarted(Phase.PREPARE);
        nanos.addAndGet(Duration.ofMillis(40).toNanos());
        progress.phaseStarted(Phase.SNAPSHOT);

        assertThat(lines()).containsExactly("[      0 ms] PREPARE started", "[     40 ms] SNAPSHOT started");
    }

    @Test
    void verbosePrintsTablesAsTheyStart() {
        new ConsoleProgress(out, true, nanos::get).tableStarted("public.orders");

        assertThat(lines()).containsExactly("[      0 ms]   copying public.orders");
    }

    @Test
    void linesFromManyThreadsStayWhole() throws InterruptedException {
        ConsoleProgress progress = new ConsoleProgress(out, false);
        int threads = 8;
        int perThread = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < perThread; i++) {
                    progress.tableFinished(SampleResults.table("s" + id, "t" + i, i, i));
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }

        assertThat(lines()).hasSize(threads * perThread)
                .allMatch(line -> line.matches("\\[ *[0-9.]+ m?s\\]   s\\d\\.t\\d+: [0-9,]+ rows?, \\d+ B in 1\\.5 s, indexes in 250 ms"));
    }
}
