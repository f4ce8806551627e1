package org.pgmigrate.benchmarks.data;

/**
 * Sizes measured on a small copy of the benchmark database: what does not grow with the rows
 * (catalogs, the small tables) and what each row of the two large tables costs, indexes included.
 */
public record Calibration(long fixedBytes, double accountBytesPerRow, double wideBytesPerRow) {
    public Calibration {
        if (fixedBytes < 0 || accountBytesPerRow <= 0 || wideBytesPerRow <= 0) {
            throw new IllegalArgumentException("Implausible calibration: " + fixedBytes + ", " + accountBytesPerRow + ", " + wideBytesPerRow);
        }
    }

    /** From the database size and the two large tables' total sizes after {@code accounts} and {@code wide} rows. */
    public static Calibration measured(long databaseBytes, long accountsBytes, long accounts, long wideBytes, long wide) {
        return new Calibration(databaseBytes - accountsBytes - wideBytes,
                (double) accountsBytes / accounts, (double) wideBytes / wide);
    }
}
