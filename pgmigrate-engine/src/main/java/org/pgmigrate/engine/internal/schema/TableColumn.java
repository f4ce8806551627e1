package org.pgmigrate.engine.internal.schema;

import java.util.Map;

/**
 * A copied column and how its values enter a content checksum.
 *
 * @param quotedName the column as a quoted identifier
 * @param sendFunction the binary output function to checksum it with, or null for its text form.
 *     Floating-point values (and geometric types and arrays built on them) print differently
 *     across majors (shortest-exact output since 12), so their binary form is compared instead.
 * @param binarySafe whether its values can travel in binary COPY between two servers: true for
 *     built-in types (and domains over them) and enums, whose binary form names no OID that
 *     differs between servers (arrays and records of user types do)
 * @param blankPadded whether it is {@code character(n)} (or a domain over it): every value is
 *     stored padded with spaces to n characters, and the target pads a shorter value again
 */
public record TableColumn(String quotedName, String sendFunction, boolean binarySafe, boolean blankPadded) {
    /** The OID of {@code character}, fixed in every major. */
    private static final long BPCHAR = 1042;

    /** Built-in types with float text output, by their fixed OIDs, and the function sending each. */
    private static final Map<Long, String> SEND_FUNCTIONS = Map.ofEntries(
            Map.entry(700L, "pg_catalog.float4send"), Map.entry(701L, "pg_catalog.float8send"),
            Map.entry(600L, "pg_catalog.point_send"), Map.entry(601L, "pg_catalog.lseg_send"),
            Map.entry(602L, "pg_catalog.path_send"), Map.entry(603L, "pg_catalog.box_send"),
            Map.entry(604L, "pg_catalog.poly_send"), Map.entry(628L, "pg_catalog.line_send"),
            Map.entry(718L, "pg_catalog.circle_send"),
            Map.entry(1021L, "pg_catalog.array_send"), Map.entry(1022L, "pg_catalog.array_send"),
            Map.entry(1017L, "pg_catalog.array_send"), Map.entry(1018L, "pg_catalog.array_send"),
            Map.entry(1019L, "pg_catalog.array_send"), Map.entry(1020L, "pg_catalog.array_send"),
            Map.entry(1027L, "pg_catalog.array_send"), Map.entry(629L, "pg_catalog.array_send"),
            Map.entry(719L, "pg_catalog.array_send"));

    /**
     * A column of the type whose base type (domains resolved) has OID {@code baseType}, with the
     * type modifier {@code typmod} (the domain's when the column has none; -1 when unknown).
     */
    public static TableColumn of(String quotedName, long baseType, int typmod, boolean binarySafe) {
        // without a length, character keeps its values as they are, trailing spaces included
        boolean padded = baseType == BPCHAR && typmod > 4;
        return new TableColumn(quotedName, SEND_FUNCTIONS.get(baseType), binarySafe, padded);
    }

    /** The expression whose text form goes into the row checksum. */
    public String checksumExpression() {
        return sendFunction == null ? quotedName : sendFunction + "(" + quotedName + ")";
    }
}
