package org.pgmigrate.benchmarks.data;

/** How many rows each part of the benchmark database gets. */
public record RowCounts(long accounts, long wide, int smallTables, int smallTableRows) {
    /** Share of the size that grows with the rows given to the accounts table; the wide table has the rest. */
    static final double ACCOUNTS_SHARE = 0.8;
    static final long MIN_ROWS = 1_000;
    static final int SMALL_TABLE_ROWS = 100;
    static final int CALIBRATION_SMALL_TABLES = 200;

    /**
     * Row counts that make the whole database about {@code targetBytes} ({@code pg_database_size}),
     * as the calibration predicts it, with {@code smallTables} small tables (which grow it beyond
     * that when there are many more of them than in the calibration).
     */
    public static RowCounts forSize(long targetBytes, Calibration calibration, int smallTables) {
        double variable = Math.max(0, targetBytes - calibration.fixedBytes());
        long accounts = Math.max(MIN_ROWS, Math.round(variable * ACCOUNTS_SHARE / calibration.accountBytesPerRow()));
        long wide = Math.max(MIN_ROWS, Math.round(variable * (1 - ACCOUNTS_SHARE) / calibration.wideBytesPerRow()));
        return new RowCounts(accounts, wide, smallTables, SMALL_TABLE_ROWS);
    }

    /** The rows of a small calibration database. */
    static RowCounts calibration() {
        return new RowCounts(100_000, 25_000, CALIBRATION_SMALL_TABLES, SMALL_TABLE_ROWS);
    }

    public long total() {
        return accounts + wide + (long) smallTables * smallTableRows;
    }

    public int tables() {
        return 2 + smallTables;
    }
}
