package org.pgmigrate.cli.console;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.pgmigrate.DataPlan;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.ReplicationLag;
import org.pgmigrate.TableProgress;
import org.pgmigrate.TableResult;
import org.pgmigrate.VerificationReport;
import org.pgmigrate.report.Units;

/**
 * Live progress for a terminal: while rows copy, an overall bar with the estimated time left
 * and one line per table in flight with its rate, redrawn in place at most five times a second;
 * phases, warnings and the verification outcome are printed as lines above it.
 *
 * <p>Called from the engine's worker threads: every method is synchronized.
 */
public final class TerminalProgress implements MigrationListener {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int BAR_WIDTH = 30;
    private static final String CURSOR_UP_AND_CLEAR = "\u001B[%dF\u001B[J";

    private final PrintStream out;
    private final LongSupplier nanoTime;
    private final Map<String, TableProgress> inFlight = new LinkedHashMap<>();
    private DataPlan plan;
    private long finishedRows;
    private int finishedTables;
    private long dataStart;
    private long lastDraw;
    private int drawnLines;
    private ReplicationLag lag;
    private boolean streaming;

    public TerminalProgress(PrintStream out) {
        this(out, System::nanoTime);
    }

    TerminalProgress(PrintStream out, LongSupplier nanoTime) {
        this.out = Objects.requireNonNull(out, "out");
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void phaseStarted(Phase phase) {
        streaming = phase == Phase.STREAM || phase == Phase.CUTOVER;
        line(phase + " started");
    }

    /** While streaming, the lag as the live frame, redrawn with each measurement. */
    @Override
    public synchronized void lagMeasured(ReplicationLag measured) {
        lag = measured;
        draw(true);
    }

    @Override
    public synchronized void phaseFinished(PhaseResult result) {
        if (result.phase() == Phase.DATA) {
            plan = null;
            inFlight.clear();
        }
        if (result.phase() == Phase.CUTOVER) {
            streaming = false;
        }
        line(result.phase() + " finished in " + Units.duration(result.duration()));
    }

    @Override
    public synchronized void dataPlanned(DataPlan dataPlan) {
        plan = dataPlan;
        dataStart = nanoTime.getAsLong();
        draw(true);
    }

    @Override
    public synchronized void tableStarted(String qualifiedName) {
        inFlight.put(qualifiedName, null);
        draw(false);
    }

    @Override
    public synchronized void tableProgress(TableProgress progress) {
        inFlight.put(progress.qualifiedName(), progress);
        draw(false);
    }

    @Override
    public synchronized void tableFinished(TableResult result) {
        inFlight.remove(result.qualifiedName());
        finishedRows += result.rows();
        finishedTables++;
        draw(true);
    }

    @Override
    public synchronized void warning(MigrationWarning warning) {
        line("warning: " + warning.message());
    }

    @Override
    public synchronized void verificationFinished(VerificationReport report) {
        line(report.equal()
                ? "verified: " + Units.count(report.tables().size(), "table") + " equal on both sides"
                : "verification found " + Units.count(report.differences().size(), "difference"));
    }

    /** Prints a permanent line above the live frame, then the frame again. */
    private void line(String text) {
        clearFrame();
        out.println(text);
        draw(true);
    }

    private void draw(boolean force) {
        if (plan == null && !(streaming && lag != null)) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (!force && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        clearFrame();
        List<String> frame = frame(now);
        frame.forEach(out::println);
        out.flush();
        drawnLines = frame.size();
    }

    private void clearFrame() {
        if (drawnLines > 0) {
            out.print(String.format(CURSOR_UP_AND_CLEAR, drawnLines));
            drawnLines = 0;
        }
    }

    List<String> frame(long now) {
        if (plan == null) {
            return List.of(ConsoleProgress.lag(lag) + "  (pgmigrate cutover --target URL to finish)");
        }
        long rows = finishedRows + inFlight.values().stream().filter(Objects::nonNull).mapToLong(TableProgress::rows).sum();
        Duration elapsed = Duration.ofNanos(now - dataStart);
        List<String> lines = new ArrayList<>();
        String tables = finishedTables + "/" + plan.tables() + " tables";
        if (plan.estimatedRows() > 0) {
            double done = Math.min(1.0, (double) rows / plan.estimatedRows());
            int filled = (int) Math.round(done * BAR_WIDTH);
            String eta = rows == 0 || done >= 1.0 ? "" : "  ETA " + Units.duration(Duration.ofMillis(
                    (long) (elapsed.toMillis() * (plan.estimatedRows() - rows) / (double) rows)));
            lines.add("[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + Math.round(done * 100) + "%  "
                    + Units.count(rows) + " / ~" + Units.count(plan.estimatedRows()) + " rows  " + tables + eta);
        } else {
            lines.add(Units.count(rows) + " rows  " + tables);
        }
        inFlight.forEach((table, progress) -> lines.add(progress == null ? "  " + table + "  starting"
                : "  " + table + "  " + Units.count(progress.rows(), "row") + "  "
                        + Units.rowRate(progress.rows(), progress.elapsed()) + "  " + Units.byteRate(progress.bytes(), progress.elapsed())));
        return lines;
    }
}
