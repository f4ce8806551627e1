package org.pgmigrate.engine.internal.jdbc;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Quotes identifiers for the SQL the engine writes. Every identifier is quoted, whatever its
 * shape, so reserved words, mixed case, quotes and newlines can never change the statement.
 * Values never pass through here: they are bound parameters, COPY data, or literals quoted by
 * the source server's own {@code quote_literal} in the catalog queries.
 */
public final class Sql {
    private Sql() {}

    /** {@code name} as a quoted identifier. */
    public static String ident(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL character");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code schema.name}, both quoted. */
    public static String qualified(String schema, String name) {
        return ident(schema) + "." + ident(name);
    }

    /** Quoted identifiers separated by commas. */
    public static String identList(List<String> names) {
        return names.stream().map(Sql::ident).collect(Collectors.joining(", "));
    }
}
