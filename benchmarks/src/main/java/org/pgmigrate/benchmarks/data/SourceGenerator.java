package org.pgmigrate.benchmarks.data;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;

/**
 * Builds the benchmark database on a server: first a small copy to measure what a row costs, then
 * the real one with row counts that make it about the requested size. Two sessions fill and index
 * it in parallel; at the end everything is frozen, analysed and checkpointed, so that no contender
 * pays for hint bits or a pending checkpoint.
 */
public final class SourceGenerator {
    private static final int SESSIONS = 2;
    private static final int SMALL_TABLES_PER_TRANSACTION = 500;

    private final PostgresServer server;
    private final PrintStream log;

    public SourceGenerator(PostgresServer server, PrintStream log) {
        this.server = server;
        this.log = log;
    }

    /** Creates database {@code name} of about {@code targetBytes} and {@code shape}, with {@code smallTables} small tables. */
    public GeneratedSource generate(String name, long targetBytes, int smallTables, Shape shape) {
        Calibration calibration;
        try (TestDatabase sample = server.createDatabase(name + "_calibration")) {
            RowCounts sampleRows = RowCounts.calibration();
            build(sample, sampleRows);
            List<String> sizes = sample.queryColumn("SELECT pg_database_size(current_database()) UNION ALL"
                    + " SELECT pg_total_relation_size('public.accounts') UNION ALL SELECT pg_total_relation_size('public.orders')");
            calibration = Calibration.measured(Long.parseLong(sizes.get(0)), Long.parseLong(sizes.get(1)), sampleRows.accounts(),
                    Long.parseLong(sizes.get(2)), sampleRows.wide());
        }
        RowCounts rows = RowCounts.forSize(targetBytes, calibration, smallTables, shape);
        log.printf("generating %,d accounts, %,d orders and %d small tables of %d rows...%n",
                rows.accounts(), rows.wide(), rows.smallTables(), rows.smallTableRows());
        TestDatabase database = server.createDatabase(name);
        build(database, rows);
        long bytes = Long.parseLong(database.queryValue("SELECT pg_database_size(current_database())"));
        return new GeneratedSource(database, bytes, rows);
    }

    private void build(TestDatabase database, RowCounts rows) {
        database.execute(SourceSchema.tables());
        for (int first = 1; first <= rows.smallTables(); first += SMALL_TABLES_PER_TRANSACTION) {
            // a transaction creating thousands of tables would run out of lock table entries
            database.execute(SourceSchema.smallTables(first, Math.min(rows.smallTables(), first + SMALL_TABLES_PER_TRANSACTION - 1),
                    rows.smallTableRows()));
        }
        long half = rows.accounts() / 2;
        inParallel(database,
                SourceSchema.accounts(1, half),
                SourceSchema.accounts(half + 1, rows.accounts()),
                SourceSchema.orders(1, rows.wide()));
        inParallel(database, SourceSchema.accountsIndexes(), SourceSchema.ordersIndexes());
        database.execute("VACUUM (FREEZE, ANALYZE)");
        database.execute("CHECKPOINT");
    }

    private static void inParallel(TestDatabase database, String... statements) {
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        try {
            List<Future<?>> running = List.of(statements).stream()
                    .<Future<?>>map(sql -> pool.submit(() -> database.execute(sql)))
                    .toList();
            for (Future<?> statement : running) {
                statement.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while generating " + database, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Generating " + database + " failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
