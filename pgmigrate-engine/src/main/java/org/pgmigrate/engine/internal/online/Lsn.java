package org.pgmigrate.engine.internal.online;

import org.postgresql.replication.LogSequenceNumber;

/** WAL positions as unsigned longs, in the {@code X/Y} form PostgreSQL prints and parses. */
final class Lsn {
    private Lsn() {}

    static String format(long lsn) {
        return LogSequenceNumber.valueOf(lsn).asString();
    }

    static long parse(String text) {
        return LogSequenceNumber.valueOf(text).asLong();
    }

    static boolean before(long a, long b) {
        return Long.compareUnsigned(a, b) < 0;
    }

    static long max(long a, long b) {
        return before(a, b) ? b : a;
    }

    /** Bytes from {@code from} to {@code to}, zero when {@code to} is not after it. */
    static long distance(long from, long to) {
        return before(from, to) ? to - from : 0;
    }
}
