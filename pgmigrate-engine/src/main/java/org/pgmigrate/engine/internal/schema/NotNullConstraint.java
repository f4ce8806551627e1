package org.pgmigrate.engine.internal.schema;

import java.nio.charset.StandardCharsets;

/**
 * A column's NOT NULL constraint as PostgreSQL 18 keeps it in {@code pg_constraint}
 * ({@code contype = 'n'}): named, possibly NOT VALID or NO INHERIT, and local or inherited.
 *
 * @param oid its OID
 * @param name its name
 * @param valid false for NOT VALID
 * @param noInherit whether children do not get it
 * @param local whether the table declares it itself ({@code conislocal}); an inherited one has its parent's name
 * @param comment the comment on it as a quoted literal, or null
 */
record NotNullConstraint(long oid, String name, boolean valid, boolean noInherit, boolean local, String comment) {
    /** NAMEDATALEN - 1: the longest name in bytes. */
    private static final int MAX_NAME_BYTES = 63;
    private static final String LABEL = "not_null";

    /** Whether {@code name} is what the server chooses itself for {@code table}'s {@code column}. */
    static boolean isDefaultName(String name, String table, String column) {
        return name.equals(defaultName(table, column));
    }

    /**
     * {@code table_column_not_null}, shortened as the server's makeObjectName does: the longer
     * of table and column loses a byte at a time (the column on a tie) until the name fits in
     * 63 bytes, never cutting a character in two. The server adds a digit where the name is
     * taken in the schema; such a name is not the default and is then written out.
     */
    static String defaultName(String table, String column) {
        byte[] t = table.getBytes(StandardCharsets.UTF_8);
        byte[] c = column.getBytes(StandardCharsets.UTF_8);
        int available = MAX_NAME_BYTES - LABEL.length() - 2;
        int tableBytes = t.length;
        int columnBytes = c.length;
        while (tableBytes + columnBytes > available) {
            if (tableBytes > columnBytes) {
                tableBytes--;
            } else {
                columnBytes--;
            }
        }
        return clip(t, tableBytes) + "_" + clip(c, columnBytes) + "_" + LABEL;
    }

    /** The first {@code bytes} bytes of UTF-8 text, less a character cut in two. */
    private static String clip(byte[] utf8, int bytes) {
        int end = bytes;
        // a continuation byte (10xxxxxx) at the cut means the character it belongs to is cut
        while (end > 0 && end < utf8.length && (utf8[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(utf8, 0, end, StandardCharsets.UTF_8);
    }
}
