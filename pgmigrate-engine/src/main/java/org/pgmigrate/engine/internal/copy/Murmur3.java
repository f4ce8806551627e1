package org.pgmigrate.engine.internal.copy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * MurmurHash3's 128-bit variant for x64 (Austin Appleby's public-domain algorithm), seed 0: fast
 * enough to hash every row a copy moves without slowing it, and wide enough that two different
 * rows colliding is out of the question in practice. Not a cryptographic hash: it guards against
 * mistakes, not against someone crafting rows.
 *
 * <p>One instance hashes one input at a time and keeps the result in {@link #high()} and
 * {@link #low()}, so hashing allocates nothing.
 */
final class Murmur3 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private long h1;
    private long h2;

    /** The first 64 bits of the last hash (the first eight bytes of the reference's output, little-endian). */
    long high() {
        return h1;
    }

    /** The last 64 bits of the last hash. */
    long low() {
        return h2;
    }

    /** Hashes {@code length} bytes of {@code data} from {@code offset}. */
    void hash(byte[] data, int offset, int length) {
        long a = 0;
        long b = 0;
        int end = offset + (length & ~15);
        for (int i = offset; i < end; i += 16) {
            long k1 = (long) LONGS.get(data, i);
            long k2 = (long) LONGS.get(data, i + 8);
            a ^= mixK1(k1);
            a = Long.rotateLeft(a, 27) + b;
            a = a * 5 + 0x52dce729;
            b ^= mixK2(k2);
            b = Long.rotateLeft(b, 31) + a;
            b = b * 5 + 0x38495ab5;
        }
        int tail = length & 15;
        if (tail > 8) {
            long k2 = 0;
            for (int i = tail - 1; i >= 8; i--) {
                k2 = (k2 << 8) | (data[end + i] & 0xffL);
            }
            b ^= mixK2(k2);
        }
        if (tail > 0) {
            long k1 = 0;
            for (int i = Math.min(tail, 8) - 1; i >= 0; i--) {
                k1 = (k1 << 8) | (data[end + i] & 0xffL);
            }
            a ^= mixK1(k1);
        }
        a ^= length;
        b ^= length;
        a += b;
        b += a;
        a = fmix(a);
        b = fmix(b);
        a += b;
        b += a;
        h1 = a;
        h2 = b;
    }

    private static long mixK1(long k1) {
        return Long.rotateLeft(k1 * C1, 31) * C2;
    }

    private static long mixK2(long k2) {
        return Long.rotateLeft(k2 * C2, 33) * C1;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
