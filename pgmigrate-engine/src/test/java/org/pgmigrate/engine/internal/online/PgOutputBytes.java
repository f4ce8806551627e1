package org.pgmigrate.engine.internal.online;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Writes pgoutput messages byte by byte as the server does, to feed the decoder in tests. */
final class PgOutputBytes {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    static PgOutputBytes message(char tag) {
        return new PgOutputBytes().byte1(tag);
    }

    PgOutputBytes byte1(int b) {
        return io(() -> out.writeByte(b));
    }

    PgOutputBytes int16(int v) {
        return io(() -> out.writeShort(v));
    }

    PgOutputBytes int32(int v) {
        return io(() -> out.writeInt(v));
    }

    PgOutputBytes int64(long v) {
        return io(() -> out.writeLong(v));
    }

    PgOutputBytes string(String s) {
        return io(() -> {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.writeByte(0);
        });
    }

    PgOutputBytes raw(byte[] data) {
        return io(() -> out.write(data));
    }

    /** A TupleData: each value is null ('n'), {@link #UNCHANGED} ('u') or text ('t'). */
    PgOutputBytes tuple(String... values) {
        int16(values.length);
        for (String v : values) {
            if (v == null) {
                byte1('n');
            } else if (v == UNCHANGED) {
                byte1('u');
            } else {
                byte[] text = v.getBytes(StandardCharsets.UTF_8);
                byte1('t').int32(text.length).raw(text);
            }
        }
        return this;
    }

    /** Marks an unchanged TOASTed value in {@link #tuple(String...)} (compared by identity). */
    @SuppressWarnings("StringOperationCanBeSimplified")
    static final String UNCHANGED = new String("<unchanged>");

    /**
     * The message inside a larger array, at an offset, as pgjdbc hands it over (a slice of the
     * CopyData message), so the decoder must respect position and offset.
     */
    ByteBuffer buffer() {
        byte[] message = bytes.toByteArray();
        byte[] framed = new byte[message.length + 7];
        System.arraycopy(message, 0, framed, 5, message.length);
        return ByteBuffer.wrap(framed, 5, message.length).slice();
    }

    private interface Io {
        void run() throws IOException;
    }

    private PgOutputBytes io(Io io) {
        try {
            io.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
