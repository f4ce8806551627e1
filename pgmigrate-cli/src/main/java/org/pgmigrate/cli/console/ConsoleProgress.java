package org.pgmigrate.cli.console;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.ReplicationLag;
import org.pgmigrate.TableResult;
import org.pgmigrate.VerificationReport;
import org.pgmigrate.report.Units;

/**
 * Prints one line per phase and per finished table, prefixed by the time since the first event.
 *
 * <p>The engine calls listeners from its worker threads, several at once; every method is
 * synchronized so that lines never interleave and the clock reading and the line stay in order.
 */
public final class ConsoleProgress implements MigrationListener {
    private final PrintStream out;
    private final boolean verbose;
    private final LongSupplier nanoTime;
    /** Set at the first event, so time spent before the migration (starting servers) does not count. */
    private long start;
    private boolean started;
    private long lastLag;
    private boolean streaming;
    private static final long LAG_EVERY_NANOS = 10_000_000_000L;

    /**
     * The progress display for {@code out}: a live, redrawn view when {@code out} is this
     * process's terminal, plain lines otherwise (pipes, files, CI logs, and with {@code verbose}).
     */
    public static MigrationListener forOutput(PrintStream out, boolean verbose) {
        boolean terminal = out == System.out && System.console() != null && !verbose;
        return terminal ? new TerminalProgress(out) : new ConsoleProgress(out, verbose);
    }

    /** Progress to {@code out}; {@code verbose} also prints each table as it starts. */
    public ConsoleProgress(PrintStream out, boolean verbose) {
        this(out, verbose, System::nanoTime);
    }

    ConsoleProgress(PrintStream out, boolean verbose, LongSupplier nanoTime) {
        this.out = Objects.requireNonNull(out, "out");
        this.verbose = verbose;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void phaseStarted(Phase phase) {
        streaming = phase == Phase.STREAM || phase == Phase.CUTOVER;
        print(phase + " started");
    }

    /** While streaming, a line about every ten seconds; run {@code pgmigrate cutover} to finish. */
    @Override
    public synchronized void lagMeasured(ReplicationLag lag) {
        long now = nanoTime.getAsLong();
        if (streaming && (lastLag == 0 || now - lastLag >= LAG_EVERY_NANOS)) {
            lastLag = now;
            print("  " + lag(lag));
        }
    }

    @Override
    public synchronized void phaseFinished(PhaseResult result) {
        print(result.phase() + " finished in " + Units.duration(result.duration()));
    }

    @Override
    public synchronized void tableStarted(String qualifiedName) {
        if (verbose) {
            print("  copying " + qualifiedName);
        }
    }

    @Override
    public synchronized void tableFinished(TableResult t) {
        print("  " + t.qualifiedName() + ": " + Units.count(t.rows(), "row") + ", " + Units.bytes(t.bytes())
                + " in " + Units.duration(t.copyDuration()) + ", indexes in " + Units.duration(t.indexDuration()));
    }

    @Override
    public synchronized void warning(MigrationWarning warning) {
        print("warning " + warning);
    }

    @Override
    public synchronized void verificationFinished(VerificationReport report) {
        print(report.equal() ? "verified: " + Units.count(report.tables().size(), "table") + " equal on both sides"
                : "verification found " + Units.count(report.differences().size(), "difference"));
    }

    private void print(String text) {
        long now = nanoTime.getAsLong();
        if (!started) {
            start = now;
            started = true;
        }
        String elapsed = Units.duration(Duration.ofNanos(now - start));
        out.println(String.format("[%10s] %s", elapsed, text));
    }

    /** "lag 1.2 MiB, 0.3 s behind; 12,345 rows in 678 transactions applied" for an online migration. */
    static String lag(ReplicationLag lag) {
        return "streaming: lag " + Units.bytes(lag.bytes()) + ", " + Units.duration(lag.delay()) + " behind; "
                + Units.count(lag.appliedRows(), "row") + " in " + Units.count(lag.appliedTransactions(), "transaction") + " applied";
    }
}
