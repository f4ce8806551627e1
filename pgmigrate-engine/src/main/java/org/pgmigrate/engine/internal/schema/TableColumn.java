package org.pgmigrate.engine.internal.schema;

import java.util.Map;

/**
 * A copied column and what the copy and its verification need to know of its type.
 *
 * @param quotedName the column as a quoted identifier
 * @param floats the precision of the floating-point numbers its values print ({@link Floats#NONE}
 *     for none). Floats (and geometric types and arrays built on them) print differently across
 *     majors (shortest-exact output since 12), so a verification across majors compares the
 *     numbers these values print rather than their text.
 * @param binarySafe whether its values can travel in binary COPY between two servers: true for
 *     built-in types (and domains over them) and enums, whose binary form names no OID that
 *     differs between servers (arrays and records of user types do)
 * @param blankPadded whether it is {@code character(n)} (or a domain over it): every value is
 *     stored padded with spaces to n characters, and the target pads a shorter value again
 * @param type its type as {@code format_type} prints it, for copy strategies; null where unknown
 * @param send the qualified name of the function that gives a value's binary COPY form (its base
 *     type's), for a server to hash what a binary copy sends (see {@code PgRowHash}); null where
 *     unknown or not binary-safe
 */
public record TableColumn(String quotedName, Floats floats, boolean binarySafe, boolean blankPadded, String type, String send) {
    public TableColumn(String quotedName, Floats floats, boolean binarySafe, boolean blankPadded) {
        this(quotedName, floats, binarySafe, blankPadded, null, null);
    }

    /** The column's name, unquoted. */
    public String name() {
        return quotedName.startsWith("\"") ? quotedName.substring(1, quotedName.length() - 1).replace("\"\"", "\"") : quotedName;
    }

    /** The floating-point numbers a column's values print. */
    public enum Floats {
        NONE, SINGLE, DOUBLE
    }

    /** The OID of {@code character}, fixed in every major. */
    private static final long BPCHAR = 1042;

    /** Built-in types that print floats, by their fixed OIDs: real and its array, then double precision, geometric types and their arrays. */
    private static final Map<Long, Floats> FLOAT_TYPES = Map.ofEntries(
            Map.entry(700L, Floats.SINGLE), Map.entry(1021L, Floats.SINGLE),
            Map.entry(701L, Floats.DOUBLE), Map.entry(1022L, Floats.DOUBLE),
            Map.entry(600L, Floats.DOUBLE), Map.entry(601L, Floats.DOUBLE), Map.entry(602L, Floats.DOUBLE),
            Map.entry(603L, Floats.DOUBLE), Map.entry(604L, Floats.DOUBLE), Map.entry(628L, Floats.DOUBLE),
            Map.entry(718L, Floats.DOUBLE), Map.entry(1017L, Floats.DOUBLE), Map.entry(1018L, Floats.DOUBLE),
            Map.entry(1019L, Floats.DOUBLE), Map.entry(1020L, Floats.DOUBLE), Map.entry(1027L, Floats.DOUBLE),
            Map.entry(629L, Floats.DOUBLE), Map.entry(719L, Floats.DOUBLE));

    /**
     * A column of the type whose base type (domains resolved) has OID {@code baseType}, with the
     * type modifier {@code typmod} (the domain's when the column has none; -1 when unknown), and
     * {@code type} printed by {@code format_type}, whose base type's send function is {@code send}
     * (qualified, or null).
     */
    public static TableColumn of(String quotedName, String type, long baseType, int typmod, boolean binarySafe, String send) {
        // without a length, character keeps its values as they are, trailing spaces included
        boolean padded = baseType == BPCHAR && typmod > 4;
        return new TableColumn(quotedName, FLOAT_TYPES.getOrDefault(baseType, Floats.NONE), binarySafe, padded, type,
                binarySafe ? send : null);
    }
}
