package org.pgmigrate.benchmarks.data;

/** How many rows each part of the benchmark database gets. */
public record RowCounts(long accounts, long wide, int smallTables, int smallTableRows) {
    static final long MIN_ROWS = 1_000;
    static final int SMALL_TABLE_ROWS = 100;
    static final int CALIBRATION_SMALL_TABLES = 200;

    /**
     * Row counts that make the whole database about {@code targetBytes} ({@code pg_database_size}),
     * as the calibration predicts it, with {@code smallTables} small tables (which grow it beyond
     * that when there are many more of them than in the calibration), shared out as {@code shape} says.
     */
    public static RowCounts forSize(long targetBytes, Calibration calibration, int smallTables, Shape shape) {
        double variable = Math.max(0, targetBytes - calibration.fixedBytes());
        long accounts = rows(variable, shape.accountsShare(), calibration.accountBytesPerRow());
        long wide = rows(variable, shape.wideShare(), calibration.wideBytesPerRow());
        return new RowCounts(accounts, wide, smallTables, SMALL_TABLE_ROWS);
    }

    /** Rows of {@code bytesPerRow} filling {@code share} of {@code bytes}, at least {@link #MIN_ROWS} unless the share is nothing. */
    private static long rows(double bytes, double share, double bytesPerRow) {
        return share == 0 ? 0 : Math.max(MIN_ROWS, Math.round(bytes * share / bytesPerRow));
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
