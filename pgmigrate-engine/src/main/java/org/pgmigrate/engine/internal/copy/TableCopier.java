package org.pgmigrate.engine.internal.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.pgmigrate.engine.internal.jdbc.Connector;
import org.pgmigrate.engine.internal.schema.TableColumn;
import org.pgmigrate.engine.internal.schema.TableData;
import org.pgmigrate.spi.copy.RowSink;
import org.pgmigrate.spi.copy.RowTransform;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * Streams one table from a source COPY TO STDOUT straight into a target COPY FROM STDIN: rows
 * pass through memory and the table's {@link RowTransform}, if any, gathered into messages of at
 * most {@link CopyBatch#SIZE} bytes for the target, and never touch disk. The source sends a
 * message per row in both formats, so rows are counted the same way in both.
 */
public final class TableCopier {
    /** Rows and bytes one copy moved, and the digest of the rows as the source sent them (null unless asked for). */
    public record Copied(long rows, long bytes, RowDigest digest) {}

    private TableCopier() {}

    /** Receives running totals while a table copies. */
    @FunctionalInterface
    public interface Progress {
        void copied(long rows, long bytes);
    }

    /**
     * Whether {@code table}'s rows travel in binary unless the user chose a format: every column's
     * type allows it (see {@link TableColumn#binarySafe()}), and the target is of the source's
     * major or a newer one. The binary forms of built-in types have not changed from 11 on (14
     * only added infinite numerics, which an older source cannot hold), while a newer source may
     * hold values an older target's binary input does not take.
     */
    public static boolean binaryByDefault(TableData table, int sourceMajor, int targetMajor) {
        return table.binarySafe() && sourceMajor <= targetMajor;
    }

    /** How many rows pass between two looks at the clock for progress. */
    private static final int PROGRESS_EVERY_ROWS = 4096;

    /**
     * How a table is copied.
     *
     * @param binary binary COPY format instead of text
     * @param freeze empty the target table and load it with COPY FREEZE in the same transaction,
     *     so rows arrive frozen and the target need not rewrite them later to set hint bits
     * @param part a condition selecting the part of the table to copy, or null for all of it
     * @param throttle limits the bytes read from the source per second
     * @param rawBytes both databases are SQL_ASCII: the rows travel as the bytes they are, which
     *     need not be UTF-8 (the sessions switch their client encoding for the copy)
     * @param digest the form to digest the rows in, for a verification to compare the target
     *     with (null for none): as read, or as {@code transform} passes them on when it changes values
     * @param transform what rows pass through on their way, or null
     * @param tableThrottle limits the bytes read from the source per second for this table, besides {@code throttle}
     */
    public record Options(boolean binary, boolean freeze, String part, Throttle throttle, boolean rawBytes, RowDigest.Form digest,
                          RowTransform transform, Throttle tableThrottle) {
        /** The same options for one part of the table (parts are never frozen: they share the table). */
        public Options forPart(String condition) {
            return new Options(binary, false, condition, throttle, rawBytes, digest, transform, tableThrottle);
        }

        /** The same options for a table known to be empty: not emptied first, so not frozen either. */
        public Options unfrozen() {
            return new Options(binary, false, part, throttle, rawBytes, digest, transform, tableThrottle);
        }
    }

    /**
     * Copies {@code table} inside the transaction open on {@code target} (the caller commits).
     * With {@link Options#freeze()} the table is emptied first in that transaction, which COPY
     * FREEZE requires, and which also takes away rows an earlier, interrupted run left.
     */
    public static Copied copy(TableData table, Connection source, Connection target, Options options, Progress progress)
            throws SQLException {
        if (target.getAutoCommit()) {
            throw new IllegalStateException("a table copies inside the caller's transaction");
        }
        if (options.freeze()) {
            try (Statement s = target.createStatement()) {
                s.execute("TRUNCATE ONLY " + table.qualifiedName());
            }
        }
        return stream(table, source, target, options, progress);
    }

    /**
     * Maps each of the 256 byte values to one character: rows of a SQL_ASCII database, which may
     * hold any bytes, pass through unchecked. pgjdbc sends the COPY command itself in UTF-8 either
     * way, which a SQL_ASCII server takes as the bytes they are.
     */
    static final String RAW_BYTES_ENCODING = "LATIN1";

    static void clientEncoding(Connection c, String encoding) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET client_encoding = '" + encoding + "'");
        }
    }

    /**
     * The COPY that reads the rows of {@code table} (after its filter) matching {@code part} (null
     * for all). A whole table is read as a table, which the server scans without planning a query
     * (a tenth of a millisecond per table, which thousands of small tables add up); COPY TO reads
     * a table's own rows, never its children's.
     */
    static String readStatement(TableData table, String part, boolean binary) {
        String format = binary ? " (FORMAT binary)" : "";
        boolean filtered = table.filter() != null && !table.filter().isEmpty();
        if (part == null && !filtered && !table.columns().isEmpty()) {
            return "COPY " + table.qualifiedName() + " (" + String.join(", ", table.columnNames()) + ") TO STDOUT" + format;
        }
        String select = table.columns().isEmpty() ? "SELECT" : "SELECT " + String.join(", ", table.columnNames());
        return "COPY (" + select + rowsOf(table, part) + ") TO STDOUT" + format;
    }

    /** The FROM and WHERE clauses of a query of {@code table}'s own rows (after its filter) matching {@code part} (null for all). */
    static String rowsOf(TableData table, String part) {
        boolean filtered = table.filter() != null && !table.filter().isEmpty();
        String filter = filtered ? " " + table.filter() : "";
        if (part != null) {
            filter = filter.isEmpty() ? " WHERE " + part : filter + " AND (" + part + ")";
        }
        return " FROM ONLY " + table.qualifiedName() + filter;
    }

    private static Copied stream(TableData table, Connection source, Connection target, Options options, Progress progress)
            throws SQLException {
        String columns = table.columns().isEmpty() ? "" : " (" + String.join(", ", table.columnNames()) + ")";
        String read = readStatement(table, options.part(), options.binary());
        List<String> writeOptions = new ArrayList<>();
        if (options.binary()) {
            writeOptions.add("FORMAT binary");
        }
        if (options.freeze()) {
            writeOptions.add("FREEZE");
        }
        String write = "COPY " + table.qualifiedName() + columns + " FROM STDIN"
                + (writeOptions.isEmpty() ? "" : " (" + String.join(", ", writeOptions) + ")");
        if (options.rawBytes()) {
            clientEncoding(source, RAW_BYTES_ENCODING);
            clientEncoding(target, RAW_BYTES_ENCODING);
        }
        CopyOut out = source.unwrap(PGConnection.class).getCopyAPI().copyOut(read);
        CopyIn in;
        try {
            in = target.unwrap(PGConnection.class).getCopyAPI().copyIn(write);
        } catch (SQLException e) {
            out.cancelCopy();
            throw e;
        }
        long bytes = 0;
        long rowsRead = 0;
        try {
            CopyBatch batch = new CopyBatch(in);
            RowTransform transform = options.transform();
            RowDigester digester = options.digest() != null ? new RowDigester(options.digest(), table.columns()) : null;
            // a transformation that changes values is checked by what it sent, others by what the source sent
            boolean digestSent = digester != null && transform != null && !transform.keepsValues();
            RowSink sink = digestSent ? (row, offset, length) -> {
                digester.write(row, offset, length);
                batch.write(row, offset, length);
            } : batch;
            CopyFraming framing = new CopyFraming(options.binary());
            byte[] message;
            while ((message = out.readFromCopy()) != null) {
                if (digester != null && !digestSent) {
                    // digested as the source printed it: a transformation may change the row in place
                    digester.add(message);
                }
                if (transform == null) {
                    batch.write(message, 0, message.length);
                } else {
                    int start = framing.rowStart(message);
                    if (start > 0) {
                        batch.write(message, 0, start);
                    }
                    if (framing.holdsRow(message, start)) {
                        transform.transform(message, start, message.length - start, sink);
                    } else {
                        batch.write(message, start, message.length - start);
                    }
                }
                bytes += message.length;
                options.throttle().take(message.length);
                options.tableThrottle().take(message.length);
                if (++rowsRead % PROGRESS_EVERY_ROWS == 0) {
                    progress.copied(rowsRead, bytes);
                }
            }
            batch.flush();
            long rows = in.endCopy();
            if (options.rawBytes()) {
                clientEncoding(source, "UTF8");
                clientEncoding(target, "UTF8");
            }
            return new Copied(rows, bytes, digester == null ? null : digester.digest());
        } catch (SQLException | RuntimeException e) {
            // a transformation of the user's may throw anything: the COPYs end all the same, or
            // both connections would stay in them and every later statement would wait for ever
            if (in.isActive()) {
                // CopyIn.cancelCopy() waits for the server's answer and, once the socket is gone (a
                // cancelled run aborts it), retries for ever, piling up exceptions until the heap
                // is full. Dropping the connection ends the COPY too: the server rolls it back, and
                // a retry starts on new connections.
                Connector.abortQuietly(target);
            }
            cancel(out, e);
            throw e;
        }
    }

    /** Ends a COPY out that {@code failure} interrupted, if it still runs; a failure to end it is added to {@code failure}. */
    static void cancel(CopyOut out, Exception failure) {
        if (out.isActive()) {
            try {
                out.cancelCopy();
            } catch (SQLException alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
        }
    }
}
