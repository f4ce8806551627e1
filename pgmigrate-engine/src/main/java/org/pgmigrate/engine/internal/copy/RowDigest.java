package org.pgmigrate.engine.internal.copy;

/**
 * A table's rows (or a part's, or a key range's) summed up so that two servers can be compared:
 * how many there are, and the sums (modulo 2^64) of the two halves of each row's 128-bit hash.
 * A sum does not depend on the order rows come in, so parts copied in parallel add up to the
 * table, and a duplicated, missing or changed row changes it.
 *
 * <p>The hash is of a row's COPY form, as the server printed it in the {@link Form} recorded
 * here; digests compare only in the same form, taken with the same session settings (see
 * {@code Connector}). In {@link Form#SERVER_HASH} it is the 64-bit {@link PgRowHash}, summed in
 * {@code high}.
 */
public record RowDigest(Form form, long rows, long high, long low) {
    /**
     * How rows were read.
     *
     * @param binary binary COPY format, else text
     * @param floatsByValue text whose floating-point numbers are hashed by value rather than by
     *     the text printed: the servers are of different majors, which print floats differently
     * @param rawBytes both databases are SQL_ASCII, and rows are read as the bytes they are (see
     *     {@link TableCopier.Options#rawBytes()})
     * @param serverHash rows are hashed by {@link PgRowHash}, which a server computes too, rather
     *     than by their whole COPY form
     */
    public record Form(boolean binary, boolean floatsByValue, boolean rawBytes, boolean serverHash) {
        /** Binary COPY rows hashed as a PostgreSQL 14+ server hashes them in SQL. */
        public static final Form SERVER_HASH = new Form(true, false, false, true);

        /** The form of a copy in {@code binary} or text format between servers of different majors or not. */
        public static Form of(boolean binary, boolean acrossMajors, boolean rawBytes) {
            return new Form(binary, acrossMajors && !binary, rawBytes, false);
        }

        /** The same form hashing whole COPY rows, which any server can be read in. */
        public Form copyRows() {
            return new Form(binary, floatsByValue, rawBytes, false);
        }
    }

    /** The digest of no rows. */
    public static RowDigest empty(Form form) {
        return new RowDigest(form, 0, 0, 0);
    }

    /** The digest of these rows and {@code other}'s together. */
    public RowDigest plus(RowDigest other) {
        if (!form.equals(other.form)) {
            throw new IllegalArgumentException("digests of rows read in different forms do not add up: " + form + ", " + other.form);
        }
        return new RowDigest(form, rows + other.rows, high + other.high, low + other.low);
    }

    /** Whether both digests are of the same rows (only digests of the same form compare). */
    public boolean sameRows(RowDigest other) {
        return rows == other.rows && high == other.high && low == other.low && form.equals(other.form);
    }
}
