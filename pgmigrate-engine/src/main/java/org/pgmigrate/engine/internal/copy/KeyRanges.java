package org.pgmigrate.engine.internal.copy;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a table into ranges of its integer key: to copy a large table in parts, and to locate
 * a verification difference to a range.
 */
public final class KeyRanges {
    private KeyRanges() {}

    /**
     * {@code parts} conditions covering every row of the table: equal-width ranges of the key
     * between its minimum and maximum at the source, the first and last open-ended (a primary key has no NULLs).
     */
    public static List<String> split(Connection source, String table, String key, int parts) throws SQLException {
        long min;
        long max;
        try (Statement s = source.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_catalog.min(" + key + "), pg_catalog.max(" + key + ") FROM ONLY " + table)) {
            rs.next();
            min = rs.getLong(1);
            if (rs.wasNull()) {
                return List.of();
            }
            max = rs.getLong(2);
        }
        return ranges(key, min, max, parts);
    }

    public static List<String> ranges(String key, long min, long max, int parts) {
        BigInteger width = BigInteger.valueOf(max).subtract(BigInteger.valueOf(min)).add(BigInteger.ONE);
        int count = (int) Math.max(1, Math.min(parts, width.min(BigInteger.valueOf(parts)).longValue()));
        List<String> ranges = new ArrayList<>(count);
        long lower = min;
        for (int i = 1; i <= count; i++) {
            long upper = BigInteger.valueOf(min).add(width.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(count))).longValue();
            String from = i == 1 ? null : key + " >= " + lower;
            String to = i == count ? null : key + " < " + upper;
            ranges.add(from == null && to == null ? key + " IS NOT NULL" : from == null ? to : to == null ? from : from + " AND " + to);
            lower = upper;
        }
        return ranges;
    }
}
