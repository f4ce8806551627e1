package org.pgmigrate.spi.copy;

import java.sql.SQLException;

/**
 * What rows pass through between the source's COPY and the target's: each row may be changed,
 * passed on as it is, split or left out.
 *
 * <p>A row is one row in the plan's format: in the text format its fields separated by tabs,
 * escaped, {@code \N} for NULL, and its newline (see {@link TextRows}); in the binary format its
 * field count and fields, without the file's header or trailer. The text arrives in UTF-8 (or, when
 * both databases are SQL_ASCII, as the bytes they hold).
 *
 * <p>One transformation serves every part of a table, from several threads at once: keep no state
 * from row to row, or make it thread-safe.
 *
 * <p><b>Incubating</b>: may change between minor versions.
 */
@FunctionalInterface
public interface RowTransform {
    /**
     * Passes the row in {@code row}, {@code length} bytes from {@code offset}, on to {@code out}:
     * changed (the bytes may be changed in place), unchanged, or not at all.
     *
     * @throws SQLException to fail the table's copy (it is not retried)
     */
    void transform(byte[] row, int offset, int length, RowSink out) throws SQLException;

    /**
     * Whether the target stores the same values from the rows this sends as from the source's,
     * as when {@code character(n)} padding is left out, which the target adds back. A verified run
     * then compares the target with the source's rows. Otherwise (the default) it compares the
     * target with the rows as this transformation sends them: a value it changes on purpose (a
     * masked column) is then no difference, and neither is a row it leaves out.
     */
    default boolean keepsValues() {
        return false;
    }
}
