package org.pgmigrate.benchmarks;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.ReplicationLag;
import org.pgmigrate.testkit.DatabaseAssertions;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;

/**
 * The online benchmark: how fast pgmigrate applies the source's changes on the target, and how
 * far behind it stays while the source writes at a steady rate.
 *
 * <ol>
 * <li>Apply throughput: with the migration streaming and caught up, the source writes a backlog
 *     as fast as it can (transactions of 100 rows: inserts, updates of an indexed table, deletes);
 *     throughput is the backlog's rows divided by the time from its first write until the target
 *     has applied all of it. As the source writes faster than any apply, the apply is the limit.</li>
 * <li>Steady lag: the source writes {@code --rate} rows a second (transactions of 50 rows every
 *     10 ms or so) for {@code --seconds}; the lag is sampled every 200 ms.</li>
 * <li>Cutover, then the testkit's equivalence assertion on the two databases.</li>
 * </ol>
 *
 * <p>{@code mvn -B -ntp -pl benchmarks -am -Ponline-benchmark -DskipTests package}
 */
public final class OnlineBenchmark {
    private static final int ROWS_PER_TRANSACTION = 100;

    private final PrintStream out;
    private final long backlogRows;
    private final int rate;
    private final int seconds;

    OnlineBenchmark(PrintStream out, long backlogRows, int rate, int seconds) {
        this.out = out;
        this.backlogRows = backlogRows;
        this.rate = rate;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        long backlog = 500_000;
        int rate = 5_000;
        int seconds = 60;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--backlog-rows" -> backlog = Long.parseLong(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println("unknown option " + args[i] + "; options: --backlog-rows N --rate ROWS_PER_S --seconds N");
                    System.exit(2);
                }
            }
        }
        System.exit(new OnlineBenchmark(System.out, backlog, rate, seconds).run() ? 0 : 1);
    }

    boolean run() throws Exception {
        try (PostgresServer sourceServer = PostgresServer.builder(17).setting("wal_level", "logical")
                     .setting("shared_buffers", "256MB").setting("max_wal_size", "4GB").start();
             PostgresServer targetServer = PostgresServer.builder(17).setting("shared_buffers", "256MB")
                     .setting("max_wal_size", "4GB").start();
             TestDatabase source = sourceServer.createDatabase("online_source");
             TestDatabase target = targetServer.createDatabase("online_target")) {
            source.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, balance bigint NOT NULL, note text);"
                    + "CREATE INDEX accounts_balance ON accounts (balance);"
                    + "CREATE TABLE history (id bigserial PRIMARY KEY, account bigint NOT NULL, delta int NOT NULL,"
                    + " at timestamptz NOT NULL DEFAULT now(), note text);"
                    + "INSERT INTO accounts SELECT g, 0, 'account ' || g FROM generate_series(1, 100000) g");
            out.printf("Online benchmark: PostgreSQL 17 to 17, %d cores, backlog %,d rows, steady %,d rows/s for %d s%n",
                    Runtime.getRuntime().availableProcessors(), backlogRows, rate, seconds);
            List<ReplicationLag> samples = new ArrayList<>();
            MigrationResult result;
            try (MigrationHandle handle = Migration.from(source.endpoint()).to(target.endpoint()).mode(MigrationMode.ONLINE)
                    .jobs(2).start()) {
                if (!handle.awaitCaughtUp(Duration.ofMinutes(5))) {
                    out.println("FAILED: the initial copy did not catch up");
                    return false;
                }
                long rowsBefore = handle.lag().appliedRows();
                long start = System.nanoTime();
                long written = writeBacklog(source);
                long wroteAt = System.nanoTime();
                if (!handle.awaitCaughtUp(Duration.ofMinutes(30))) {
                    out.println("FAILED: the backlog was not applied within 30 minutes");
                    return false;
                }
                double applySeconds = (System.nanoTime() - start) / 1e9;
                long applied = handle.lag().appliedRows() - rowsBefore;
                out.printf(Locale.ROOT, "Apply throughput: %,d rows written in %.1f s (%,.0f rows/s at the source); applied %,d rows"
                                + " in %.1f s from the first write: %,.0f rows/s%n", written, (wroteAt - start) / 1e9,
                        written / ((wroteAt - start) / 1e9), applied, applySeconds, applied / applySeconds);

                AtomicBoolean running = new AtomicBoolean(true);
                AtomicLong steadyRows = new AtomicLong();
                Thread writer = new Thread(() -> writeSteadily(source, running, steadyRows), "steady-writer");
                long steadyStart = System.nanoTime();
                writer.start();
                while (System.nanoTime() - steadyStart < seconds * 1_000_000_000L) {
                    Thread.sleep(200);
                    samples.add(handle.lag());
                }
                running.set(false);
                writer.join();
                double steadySeconds = (System.nanoTime() - steadyStart) / 1e9;
                List<Long> delays = samples.stream().map(l -> l.delay().toMillis()).sorted().toList();
                List<Long> bytes = samples.stream().map(ReplicationLag::bytes).sorted().toList();
                out.printf(Locale.ROOT, "Steady writes: %,d rows in %.1f s (%,.0f rows/s); lag over %d samples: delay median %d ms,"
                                + " p95 %d ms, max %d ms; bytes median %,d, p95 %,d, max %,d%n",
                        steadyRows.get(), steadySeconds, steadyRows.get() / steadySeconds, samples.size(),
                        percentile(delays, 50), percentile(delays, 95), delays.get(delays.size() - 1),
                        percentile(bytes, 50), percentile(bytes, 95), bytes.get(bytes.size() - 1));
                long cutoverStart = System.nanoTime();
                result = handle.cutover();
                out.printf(Locale.ROOT, "Cutover (catch-up, sequences, verification, cleanup): %.1f s%n", (System.nanoTime() - cutoverStart) / 1e9);
            }
            try {
                DatabaseAssertions.assertThatDatabase(target).isEquivalentTo(source);
                out.println("Target equal to source: yes (" + result.verification().map(v -> v.tables().size() + " tables verified").orElse("") + ")");
                return true;
            } catch (AssertionError e) {
                out.println("Target equal to source: NO\n" + e.getMessage());
                return false;
            }
        }
    }

    /** Transactions of 100 rows as fast as one connection goes: 60 inserts, 30 updates, 10 deletes. */
    private long writeBacklog(TestDatabase source) throws SQLException {
        long written = 0;
        try (Connection c = source.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (long t = 0; written < backlogRows; t++) {
                long base = t * 60 + 1;
                s.execute("INSERT INTO history (account, delta, note) SELECT 1 + (g::bigint * 7919) % 100000, g % 100, 'backlog'"
                        + " FROM generate_series(" + base + ", " + (base + 59) + ") g");
                // (ids base .. base + 59 as long as nothing else used the sequence)
                s.execute("UPDATE accounts SET balance = balance + 1 WHERE id BETWEEN " + (1 + (t * 30) % 99970)
                        + " AND " + (30 + (t * 30) % 99970));
                // history's ids come from one sequence and this is its only writer: the previous
                // transaction's first ten rows
                s.execute("DELETE FROM history WHERE id BETWEEN " + (base - 59) + " AND " + (base - 50));
                c.commit();
                written += ROWS_PER_TRANSACTION;
            }
        }
        return written;
    }

    /** About {@code rate} rows a second in transactions of 50 (35 inserts, 15 updates). */
    private void writeSteadily(TestDatabase source, AtomicBoolean running, AtomicLong rows) {
        int perTransaction = 50;
        long intervalNanos = 1_000_000_000L * perTransaction / rate;
        try (Connection c = source.connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO history (account, delta, note)"
                     + " SELECT 1 + (g * 31) % 100000, 1, 'steady' FROM generate_series(?::bigint, ?::bigint) g");
             PreparedStatement update = c.prepareStatement("UPDATE accounts SET balance = balance - 1 WHERE id BETWEEN ? AND ?")) {
            c.setAutoCommit(false);
            long next = System.nanoTime();
            for (long t = 0; running.get(); t++) {
                insert.setLong(1, t * 35);
                insert.setLong(2, t * 35 + 34);
                insert.execute();
                long from = 1 + (t * 15) % 99980;
                update.setLong(1, from);
                update.setLong(2, from + 14);
                update.execute();
                c.commit();
                rows.addAndGet(perTransaction);
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
