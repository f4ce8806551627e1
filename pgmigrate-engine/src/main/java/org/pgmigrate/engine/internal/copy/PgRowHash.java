package org.pgmigrate.engine.internal.copy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.pgmigrate.engine.internal.jdbc.Connector;
import org.pgmigrate.engine.internal.schema.TableColumn;
import org.pgmigrate.engine.internal.schema.TableData;
import org.postgresql.util.ByteConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A row hash that a PostgreSQL 14+ server computes in SQL and the copy computes in the JVM from
 * the same row's binary COPY form, so that a verification reads the target's rows without
 * sending them. The server hashes each value with {@code hash_record_extended}: a value's binary
 * form (its type's send function, what binary COPY sends) is a {@code bytea}, hashed with
 * {@code hash_bytes_extended} (Bob Jenkins' lookup3, as PostgreSQL's {@code src/common/hashfn.c}
 * implements it on a little-endian machine). Building that {@code bytea} costs the server about
 * as much as hashing it, so the types whose own hash function hashes exactly what their binary
 * form holds are hashed as they are (see {@link OwnHash}): text and bytea by their bytes, small
 * integers by value ({@code hash_uint32_extended}). The columns' hashes combine as
 * {@code h = 31 * h + column hash} (0 for a null). That combination is linear, and so is the sum
 * the digest takes over rows: two rows trading the values of a column would leave the sum
 * unchanged. So the combined 64 bits are hashed once more, as the seed of
 * {@code hash_uint32_extended(0, h)}, which mixes all of them.
 *
 * <p>A server on a big-endian machine hashes differently: {@link #agrees} checks a known row on
 * the target before a run relies on it. A binary form is the same on both servers only where
 * binary COPY between them is (see {@link TableCopier#binaryByDefault}).
 */
public final class PgRowHash {
    private static final Logger LOG = LoggerFactory.getLogger(PgRowHash.class);
    private static final int GOLDEN = 0x9e3779b9 + 3923095;

    /**
     * Built-in types whose own extended hash function (the one {@code hash_record_extended} calls)
     * hashes what their binary form holds: the bytes of text, bytea and uuid, and the value of
     * the integers up to 4 bytes wide ({@code hash_uint32_extended}). int8 and the timestamps
     * fold 64 bits into 32 before hashing, numeric ignores trailing zeros, character(n) trailing
     * spaces, floats the sign of zero: those are hashed by their binary form.
     *
     * @param cast the type a value is cast to, its base type where the column's is a domain
     * @param width the integer's width in bytes, 0 for a type hashed by its bytes
     * @param text its bytes on the server are in the server's encoding, its binary form's in the
     *     connection's (UTF8): hashed as it is only where the two are the same, and in the
     *     {@code "C"} collation, since a nondeterministic one hashes a sort key instead
     */
    private enum OwnHash {
        INT2("pg_catalog.int2send", "pg_catalog.int2", 2, false),
        INT4("pg_catalog.int4send", "pg_catalog.int4", 4, false),
        DATE("pg_catalog.date_send", "pg_catalog.date", 4, false),
        OID("pg_catalog.oidsend", "pg_catalog.oid", 4, false),
        BOOL("pg_catalog.boolsend", "pg_catalog.bool", 1, false),
        BYTEA("pg_catalog.byteasend", "pg_catalog.bytea", 0, false),
        UUID("pg_catalog.uuid_send", "pg_catalog.uuid", 0, false),
        TEXT("pg_catalog.textsend", "pg_catalog.text", 0, true),
        VARCHAR("pg_catalog.varcharsend", "pg_catalog.text", 0, true);

        private final String send;
        private final String cast;
        private final int width;
        private final boolean text;

        OwnHash(String send, String cast, int width, boolean text) {
            this.send = send;
            this.cast = cast;
            this.width = width;
            this.text = text;
        }

        /** The own hash of a column's type, or null where its binary form is hashed. */
        static OwnHash of(TableColumn column) {
            for (OwnHash own : values()) {
                if (own.send.equals(column.send())) {
                    return own;
                }
            }
            return null;
        }
    }

    /** By column: the width of an integer hashed by value, or 0 for a value hashed by its bytes. */
    private final int[] widths;

    /** An integer's 4 bytes as {@link #uint32} hashes them; one instance hashes one row at a time. */
    private final byte[] word = new byte[4];

    /** A hasher of the rows of {@code columns}, each of which has a send function (see {@link #applies}). */
    public PgRowHash(List<TableColumn> columns) {
        widths = columns.stream().mapToInt(c -> {
            OwnHash own = OwnHash.of(c);
            return own == null ? 0 : own.width;
        }).toArray();
    }

    /**
     * The hash of one row in binary COPY format (the field count, then each field's length, -1
     * for null, and bytes), {@code length} bytes of {@code row} from {@code offset}.
     */
    public long row(byte[] row, int offset, int length) {
        int fields = ByteConverter.int2(row, offset);
        if (fields != widths.length) {
            throw new IllegalArgumentException("a binary COPY row of " + fields + " fields, for " + widths.length + " columns");
        }
        int at = offset + 2;
        long combined = 0;
        for (int i = 0; i < fields; i++) {
            int size = ByteConverter.int4(row, at);
            at += 4;
            long column = 0;
            if (size >= 0) {
                column = widths[i] == 0 ? bytes(row, at, size, 0) : bytes(littleEndian(signedBigEndian(row, at, size), word), 0, 4, 0);
                at += size;
            }
            combined = 31 * combined + column;
        }
        if (at != offset + length) {
            throw new IllegalArgumentException("a binary COPY row of " + length + " bytes holds " + (at - offset) + " bytes of fields");
        }
        return bytes(littleEndian(0, word), 0, 4, combined);
    }

    /** An integer of up to 4 bytes, as its binary form (big-endian) holds it, sign-extended as PostgreSQL widens it to hash. */
    private static int signedBigEndian(byte[] k, int i, int size) {
        if (size > 4) {
            throw new IllegalArgumentException("an integer of " + size + " bytes where at most 4 were expected");
        }
        int v = size == 0 ? 0 : k[i];
        for (int j = 1; j < size; j++) {
            v = v << 8 | (k[i + j] & 0xff);
        }
        return v;
    }

    /**
     * PostgreSQL's {@code hash_uint32_extended}, which is {@code hash_bytes_extended} of the
     * integer's 4 bytes in the machine's order (little-endian).
     */
    static long uint32(int k, long seed) {
        return bytes(littleEndian(k, new byte[4]), 0, 4, seed);
    }

    private static byte[] littleEndian(int k, byte[] into) {
        into[0] = (byte) k;
        into[1] = (byte) (k >>> 8);
        into[2] = (byte) (k >>> 16);
        into[3] = (byte) (k >>> 24);
        return into;
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

    /**
     * The SQL expression of a row's hash over {@code columns}, each of which has a send function
     * (see {@link #applies}), on a server whose encoding is UTF8 or not.
     */
    private static String expression(List<TableColumn> columns, boolean utf8) {
        StringBuilder values = new StringBuilder();
        for (TableColumn column : columns) {
            values.append(values.isEmpty() ? "" : ", ");
            OwnHash own = OwnHash.of(column);
            if (own != null && (utf8 || !own.text)) {
                values.append("CAST(").append(column.quotedName()).append(" AS ").append(own.cast).append(')');
                values.append(own.text ? " COLLATE pg_catalog.\"C\"" : "");
            } else {
                values.append(column.send()).append('(').append(column.quotedName()).append(')');
            }
        }
        return "pg_catalog.hashint4extended(0, pg_catalog.hash_record_extended(ROW(" + values + "), 0))";
    }

    /**
     * The columns of the row {@link #agrees} compares: a null, a value of each tail length class
     * of lookup3 and one over 12 bytes, then one of each kind of type hashed by its own hash.
     */
    private static final List<TableColumn> PROBE_COLUMNS = probeColumns("pg_catalog.byteasend", "pg_catalog.byteasend",
            "pg_catalog.byteasend", "pg_catalog.byteasend", "pg_catalog.byteasend", "pg_catalog.byteasend", "pg_catalog.int4send",
            "pg_catalog.int2send", "pg_catalog.boolsend", "pg_catalog.textsend", "pg_catalog.numeric_send");

    private static final String PROBE_VALUES = "(NULL::bytea, '\\x01'::bytea, '\\x0102030405'::bytea, '\\x010203040506070809'::bytea,"
            + " '\\x0102030405060708090a0b0c0d0e0f10111213'::bytea, ''::bytea, -123456789, -2::int2, true, 'probe'::text, 1.50)";

    /** The binary COPY form of the row of {@link #PROBE_VALUES}. */
    private static final byte[] PROBE_ROW = {0, 11, -1, -1, -1, -1, 0, 0, 0, 1, 1, 0, 0, 0, 5, 1, 2, 3, 4, 5, 0, 0, 0, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9,
        0, 0, 0, 19, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 0, 0, 0, 0,
        0, 0, 0, 4, -8, -92, 50, -21, 0, 0, 0, 2, -1, -2, 0, 0, 0, 1, 1, 0, 0, 0, 5, 'p', 'r', 'o', 'b', 'e',
        0, 0, 0, 12, 0, 2, 0, 0, 0, 0, 0, 2, 0, 1, 19, -120};

    /** Columns c0, c1... of these send functions. */
    private static List<TableColumn> probeColumns(String... sends) {
        return IntStream.range(0, sends.length).mapToObj(i -> new TableColumn("c" + i, TableColumn.Floats.NONE, true, false, null, sends[i]))
                .toList();
    }

    /**
     * Whether the server behind {@code connection} (server_version_num {@code version}) hashes
     * rows as {@link #row} does: 14 or later, on a little-endian machine, and the session may
     * call the functions (a server may have revoked them from PUBLIC). Only a broken connection
     * fails; otherwise the rows are read instead of hashed in place.
     */
    public static boolean agrees(Connection connection, int version) throws SQLException {
        if (version < 140000) {
            return false;
        }
        String columns = PROBE_COLUMNS.stream().map(TableColumn::quotedName).collect(Collectors.joining(", "));
        String probe = "SELECT " + expression(PROBE_COLUMNS, true) + " FROM (VALUES " + PROBE_VALUES + ") AS probe(" + columns + ")";
        try (PreparedStatement ps = connection.prepareStatement(probe); ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getLong(1) == new PgRowHash(PROBE_COLUMNS).row(PROBE_ROW, 0, PROBE_ROW.length);
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw e;
            }
            LOG.warn("The target cannot hash rows in place ({}, SQLSTATE {}): verification reads them instead, which costs more",
                    e.getMessage(), e.getSQLState());
            return false;
        }
    }

    /**
     * The digest of the rows of {@code table} (after its filter) matching {@code part} (null for
     * all) hashed by the server behind {@code connection}: their count and the sum of their hashes.
     */
    public static RowDigest read(Connection connection, TableData table, String part) throws SQLException {
        boolean utf8 = "UTF8".equals(Connector.serverEncoding(connection));
        String sql = "SELECT pg_catalog.count(*), pg_catalog.sum(" + expression(table.columns(), utf8) + ")"
                + TableCopier.rowsOf(table, part);
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            // the sum modulo 2^64, as the copy adds up its hashes
            BigDecimal sum = rs.getBigDecimal(2);
            return new RowDigest(RowDigest.Form.SERVER_HASH, rs.getLong(1), sum == null ? 0 : sum.toBigInteger().longValue(), 0);
        }
    }
}
