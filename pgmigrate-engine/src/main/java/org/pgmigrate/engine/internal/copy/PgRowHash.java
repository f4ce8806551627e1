package org.pgmigrate.engine.internal.copy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.engine.internal.schema.TableColumn;
import org.pgmigrate.engine.internal.schema.TableData;
import org.postgresql.util.ByteConverter;

/**
 * A row hash that a PostgreSQL 14+ server computes in SQL and the copy computes in the JVM from
 * the same row's binary COPY form, so that a verification reads the target's rows without
 * sending them: the server hashes each value's binary form (its type's send function, what
 * binary COPY sends) with {@code hash_record_extended}, whose per-column hash of a
 * {@code bytea} is {@code hash_bytes_extended} (Bob Jenkins' lookup3, as PostgreSQL's
 * {@code src/common/hashfn.c} implements it on a little-endian machine) and whose combination
 * is {@code h = 31 * h + column hash} (0 for a null). That combination is linear, and so is the
 * sum the digest takes over rows: two rows trading the values of a column would leave the sum
 * unchanged. So the combined 64 bits are hashed once more (seed 1).
 *
 * <p>A server on a big-endian machine hashes differently: {@link #agrees} checks a known row on
 * the target before a run relies on it. A binary form is the same on both servers only where
 * binary COPY between them is (see {@link TableCopier#binaryByDefault}).
 */
public final class PgRowHash {
    private static final int GOLDEN = 0x9e3779b9 + 3923095;

    /** Where a row's combined hash is written out as {@code int8send} would, to be hashed again. */
    private final byte[] int8 = new byte[8];

    /**
     * The hash of one row in binary COPY format (the field count, then each field's length, -1
     * for null, and bytes), {@code length} bytes of {@code row} from {@code offset}. One
     * instance hashes one row at a time.
     */
    public long row(byte[] row, int offset, int length) {
        int fields = ByteConverter.int2(row, offset);
        int at = offset + 2;
        long combined = 0;
        for (int i = 0; i < fields; i++) {
            int size = ByteConverter.int4(row, at);
            at += 4;
            long column = 0;
            if (size >= 0) {
                column = bytes(row, at, size, 0);
                at += size;
            }
            combined = 31 * combined + column;
        }
        if (at != offset + length) {
            throw new IllegalArgumentException("a binary COPY row of " + length + " bytes holds " + (at - offset) + " bytes of fields");
        }
        ByteConverter.int8(int8, 0, combined);
        return bytes(int8, 0, 8, 1);
    }

    /** PostgreSQL's {@code hash_bytes_extended} of {@code length} bytes of {@code k} from {@code offset}, as a little-endian server computes it. */
    static long bytes(byte[] k, int offset, int length, long seed) {
        int a = GOLDEN + length;
        int b = a;
        int c = a;
        int i = offset;
        int left = length;
        // a seed is mixed in first, as if it were a 12-byte block of its own
        boolean seeded = seed != 0;
        while (seeded || left >= 12) {
            if (seeded) {
                a += (int) (seed >>> 32);
                b += (int) seed;
                seeded = false;
            } else {
                a += littleEndian(k, i);
                b += littleEndian(k, i + 4);
                c += littleEndian(k, i + 8);
                i += 12;
                left -= 12;
            }
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
        }
        // the last 11 bytes: c's lowest byte stays free (it held the length in lookup2)
        if (left > 8) {
            c += tail(k, i + 8, left - 8) << 8;
        }
        if (left > 4) {
            b += tail(k, i + 4, Math.min(4, left - 4));
        }
        if (left > 0) {
            a += tail(k, i, Math.min(4, left));
        }
        return finish(a, b, c);
    }

    /** lookup3's final mixing, and the 64 bits PostgreSQL takes of it. */
    private static long finish(int a, int b, int c) {
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return ((long) b << 32) | (c & 0xffffffffL);
    }

    private static int littleEndian(byte[] k, int i) {
        return (k[i] & 0xff) | (k[i + 1] & 0xff) << 8 | (k[i + 2] & 0xff) << 16 | (k[i + 3] & 0xff) << 24;
    }

    /** Up to four bytes from {@code i}, little-endian. */
    private static int tail(byte[] k, int i, int count) {
        int v = 0;
        for (int j = count - 1; j >= 0; j--) {
            v = v << 8 | (k[i + j] & 0xff);
        }
        return v;
    }

    /** Whether {@code table}'s rows can be hashed on a server: every column's send function is known. */
    public static boolean applies(TableData table) {
        return table.columns().stream().allMatch(c -> c.send() != null);
    }

    /** The SQL expression of a row's hash over {@code columns}, each of which has a send function (see {@link #applies}). */
    private static String expression(List<TableColumn> columns) {
        StringBuilder values = new StringBuilder();
        for (TableColumn column : columns) {
            values.append(values.isEmpty() ? "" : ", ").append(column.send()).append('(').append(column.quotedName()).append(')');
        }
        return "pg_catalog.hash_record_extended(ROW(pg_catalog.int8send(pg_catalog.hash_record_extended(ROW(" + values + "), 0))), 1)";
    }

    /** A row whose hash {@link #agrees} compares: a null, a value of each tail length class, and one over 12 bytes. */
    private static final String PROBE = "SELECT pg_catalog.hash_record_extended(ROW(pg_catalog.int8send(pg_catalog.hash_record_extended("
            + "ROW(NULL::bytea, '\\x01'::bytea, '\\x0102030405'::bytea, '\\x010203040506070809'::bytea,"
            + " '\\x0102030405060708090a0b0c0d0e0f10111213'::bytea, ''::bytea), 0))), 1)";

    /** The binary COPY form of {@link #PROBE}'s row. */
    private static final byte[] PROBE_ROW = {0, 6, -1, -1, -1, -1, 0, 0, 0, 1, 1, 0, 0, 0, 5, 1, 2, 3, 4, 5, 0, 0, 0, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9,
        0, 0, 0, 19, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 0, 0, 0, 0};

    /**
     * Whether the server behind {@code connection} (server_version_num {@code version}) hashes
     * rows as {@link #row} does: 14 or later, on a little-endian machine.
     */
    public static boolean agrees(Connection connection, int version) throws SQLException {
        if (version < 140000) {
            return false;
        }
        try (PreparedStatement ps = connection.prepareStatement(PROBE); ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getLong(1) == new PgRowHash().row(PROBE_ROW, 0, PROBE_ROW.length);
        }
    }

    /**
     * The digest of the rows of {@code table} (after its filter) matching {@code part} (null for
     * all) hashed by the server behind {@code connection}: their count and the sum of their hashes.
     */
    public static RowDigest read(Connection connection, TableData table, String part) throws SQLException {
        String sql = "SELECT pg_catalog.count(*), pg_catalog.sum(" + expression(table.columns()) + ")"
                + TableCopier.rowsOf(table, part);
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            // the sum modulo 2^64, as the copy adds up its hashes
            BigDecimal sum = rs.getBigDecimal(2);
            return new RowDigest(RowDigest.Form.SERVER_HASH, rs.getLong(1), sum == null ? 0 : sum.toBigInteger().longValue(), 0);
        }
    }
}
