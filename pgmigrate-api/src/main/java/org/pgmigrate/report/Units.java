package org.pgmigrate.report;

import java.time.Duration;
import java.util.Locale;

/** Human-readable numbers for reports and console output; {@link Locale#ROOT} so output does not vary by machine. */
public final class Units {
    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Units() {}

    /** {@code 1234567} as {@code 1,234,567}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 1 row}, {@code 1,500 rows}: a count and a noun made plural when needed. */
    public static String count(long n, String noun) {
        return count(n) + " " + noun + (n == 1 ? "" : "s");
    }

    /** Binary units, as {@code du -h} and PostgreSQL's {@code pg_size_pretty} read: {@code 1.5 MiB}. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        // Compare with the rounded value so 1023.97 KiB prints as 1.0 MiB, not 1024.0 KiB.
        while (value >= 1023.95 && unit < BYTE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, BYTE_UNITS[unit]);
    }

    /** {@code 850 ms}, {@code 12.3 s}, {@code 4 min 05 s}, {@code 2 h 07 min}. */
    public static String duration(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1000) {
            return millis + " ms";
        }
        long tenths = Math.round(millis / 100.0);
        if (tenths < 600) {
            return String.format(Locale.ROOT, "%d.%d s", tenths / 10, tenths % 10);
        }
        long seconds = Math.round(millis / 1000.0);
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        long minutes = Math.round(seconds / 60.0);
        return String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60);
    }

    /** Bytes per second over {@code duration}, or empty text when the duration is zero. */
    public static String byteRate(long bytes, Duration duration) {
        double seconds = duration.toNanos() / 1e9;
        return seconds <= 0 ? "" : bytes((long) (bytes / seconds)) + "/s";
    }

    /** Rows per second over {@code duration}, or empty text when the duration is zero. */
    public static String rowRate(long rows, Duration duration) {
        double seconds = duration.toNanos() / 1e9;
        return seconds <= 0 ? "" : count((long) (rows / seconds)) + " rows/s";
    }
}
