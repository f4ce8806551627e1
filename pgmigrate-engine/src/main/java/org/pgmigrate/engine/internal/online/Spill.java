package org.pgmigrate.engine.internal.online;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;

/**
 * The changes of one streamed source transaction, in a file in the order they came, each as its
 * length and its message without the xid (as {@link PgOutputDecoder#decode} takes it). Written a
 * block at a time, read once at the commit; where each subtransaction's first change lies is
 * kept, so its abort cuts the file there: the changes after it are its own or its
 * subtransactions', all aborted with it.
 */
final class Spill {
    private static final int BUFFER = 64 * 1024;

    private final int xid;
    private final Path file;
    private final Map<Integer, Long> subxactStarts = new HashMap<>();
    private long size;
    private DataOutputStream out;

    Spill(int xid, Path file) {
        this.xid = xid;
        this.file = file;
    }

    /** A block of the transaction's changes starts: they are appended until {@link #endBlock}. */
    void startBlock() {
        try {
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND), BUFFER));
        } catch (IOException e) {
            throw failed("writing", e);
        }
    }

    /** Appends the change the buffer holds (tag, xid of the (sub)transaction {@code subxid}, message). */
    void add(int subxid, ByteBuffer change) {
        if (subxid != xid) {
            subxactStarts.putIfAbsent(subxid, size);
        }
        int length = change.remaining() - Integer.BYTES;
        try {
            out.writeInt(length);
            out.write(change.get(change.position()));
            out.write(change.array(), change.arrayOffset() + change.position() + 1 + Integer.BYTES, length - 1);
        } catch (IOException e) {
            throw failed("writing", e);
        }
        size += Integer.BYTES + length;
    }

    void endBlock() {
        try {
            out.close();
        } catch (IOException e) {
            throw failed("writing", e);
        } finally {
            out = null;
        }
    }

    /** Drops the changes of subtransaction {@code subxid} and of those that began after it. */
    void abortSubxact(int subxid) {
        Long start = subxactStarts.get(subxid);
        if (start == null) {
            return; // it changed nothing published
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(start);
        } catch (IOException e) {
            throw failed("truncating", e);
        }
        size = start;
        subxactStarts.values().removeIf(offset -> offset >= start);
    }

    /** Reads the changes back in order, then deletes the file. */
    Reader read() {
        try {
            return new Reader(new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER)));
        } catch (IOException e) {
            delete();
            throw failed("reading", e);
        }
    }

    void delete() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // the file goes anyway
            }
            out = null;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw failed("deleting", e);
        }
    }

    private PgMigrateException failed(String doing, IOException e) {
        return new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Spilling source transaction " + Integer.toUnsignedString(xid)
                + " failed " + doing + " " + file + ": " + e + ". The migration spills each large transaction the source streams"
                + " before its commit into the JVM's temporary directory (java.io.tmpdir): free space there, or start the JVM with"
                + " -Djava.io.tmpdir pointing to a disk with room for the largest transaction, and resume.", e);
    }

    /** The spilled changes, one message at a time; closing deletes the file. */
    final class Reader implements AutoCloseable {
        private final DataInputStream in;
        private long left = size;
        private byte[] message = new byte[256];

        private Reader(DataInputStream in) {
            this.in = in;
        }

        /** The next change (valid until the next call), or null after the last. */
        ByteBuffer next() {
            if (left == 0) {
                return null;
            }
            try {
                int length = in.readInt();
                if (message.length < length) {
                    message = new byte[Math.max(length, message.length * 2)];
                }
                in.readFully(message, 0, length);
                left -= Integer.BYTES + length;
                return ByteBuffer.wrap(message, 0, length);
            } catch (IOException e) {
                throw failed("reading", e);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                // the file goes anyway
            }
            delete();
        }
    }
}
