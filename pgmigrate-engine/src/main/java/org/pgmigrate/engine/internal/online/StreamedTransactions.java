package org.pgmigrate.engine.internal.online;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.engine.internal.online.PgOutputMessage.StreamAbort;
import org.pgmigrate.engine.internal.online.PgOutputMessage.StreamStart;

/**
 * The source transactions a session's stream brought before their commit (protocol 2, sources of
 * 14 and later), each {@link Spill spilled} to a file of its own in the migration's directory
 * under the JVM's temporary directory, so the heap never holds a large transaction: its commit
 * replays the file, its abort deletes it. Blocks of several transactions may interleave.
 *
 * <p>A new session streams from the last transaction the target committed, and the source
 * streams every transaction still running again from its first change: whatever an earlier
 * session, or a process that died, spilled is void, and opening deletes it.
 */
final class StreamedTransactions implements AutoCloseable {
    private final Path directory;
    private final Map<Integer, Spill> spills = new HashMap<>();
    /** The transaction whose block is being received, else null. */
    private Spill receiving;

    private StreamedTransactions(Path directory) {
        this.directory = directory;
    }

    /** The migration's spill directory: {@code <java.io.tmpdir>/pgmigrate_<id>_streamed}. */
    static Path directory(ReplicationNames names) {
        return Path.of(System.getProperty("java.io.tmpdir"), names.slot() + "_streamed");
    }

    /** Deletes what a process that died while streaming the migration spilled, when it ran on this machine; never throws. */
    static void deleteLeftovers(ReplicationNames names) {
        try {
            delete(directory(names));
        } catch (IOException e) {
            // only disk space is at stake
        }
    }

    /** Empties (of what an earlier session or process left) or creates {@code directory}, readable by this user only. */
    static StreamedTransactions open(Path directory) {
        try {
            delete(directory);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Could not prepare " + directory + ", where large source"
                    + " transactions streamed before their commit are spilled: " + e + ". Make the JVM's temporary directory"
                    + " (java.io.tmpdir) writable, or point it elsewhere with -Djava.io.tmpdir, and resume.", e);
        }
        return new StreamedTransactions(directory);
    }

    /** Deletes the directory and its files; a link in its place goes, not what it points to. */
    private static void delete(Path directory) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(directory);
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }

    /** Whether a block is being received: every message but its Stream Stop goes to {@link #spill}. */
    boolean receiving() {
        return receiving != null;
    }

    void start(StreamStart start) {
        Spill spill = spills.get(start.xid());
        if (start.firstSegment()) {
            if (spill != null) {
                spill.delete();
            }
            spill = new Spill(start.xid(), directory.resolve(Integer.toUnsignedString(start.xid()) + ".spill"));
            spills.put(start.xid(), spill);
        } else if (spill == null) {
            throw inconsistent("a later block of transaction " + Integer.toUnsignedString(start.xid()) + " without its first");
        }
        spill.startBlock();
        receiving = spill;
    }

    /** Adds a change of the block being received; the Origin message a first block may begin with has nothing to apply. */
    void spill(ByteBuffer change) {
        if (PgOutputDecoder.tag(change) != 'O') {
            receiving.add(PgOutputDecoder.streamedXid(change), change);
        }
    }

    void stop() {
        if (receiving == null) {
            throw inconsistent("a Stream Stop outside a block");
        }
        receiving.endBlock();
        receiving = null;
    }

    void abort(StreamAbort abort) {
        Spill spill = spills.get(abort.xid());
        if (spill == null) {
            return; // nothing of it was published
        }
        if (abort.subxid() == abort.xid()) {
            spills.remove(abort.xid()).delete();
        } else {
            spill.abortSubxact(abort.subxid());
        }
    }

    /** The committed transaction's changes, to replay in order; closing the reader deletes them. */
    Spill.Reader commit(int xid) {
        Spill spill = spills.remove(xid);
        if (spill == null) {
            throw inconsistent("the commit of streamed transaction " + Integer.toUnsignedString(xid) + " without its changes");
        }
        return spill.read();
    }

    private static PgMigrateException inconsistent(String what) {
        return new PgMigrateException(ErrorKind.MIGRATION_FAILED, "The source's stream sent " + what + "; the replication stream"
                + " is inconsistent. Resume the migration: its stream starts again from the last transaction the target committed.");
    }

    /** Deletes every spill and the directory. */
    @Override
    public void close() {
        for (Spill spill : spills.values()) {
            try {
                spill.delete();
            } catch (PgMigrateException e) {
                // the next session of this migration empties the directory
            }
        }
        spills.clear();
        receiving = null;
        try {
            delete(directory);
        } catch (IOException e) {
            // the next session of this migration empties it
        }
    }
}
