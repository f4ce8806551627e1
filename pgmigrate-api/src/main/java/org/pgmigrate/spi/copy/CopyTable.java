package org.pgmigrate.spi.copy;

import java.util.List;
import java.util.Objects;
import org.pgmigrate.SqlNames;

/**
 * A table whose rows a migration copies, as the source has it.
 *
 * <p><b>Incubating</b>: may change between minor versions.
 *
 * @param schema its schema's name
 * @param name its name
 * @param columns the columns the copy moves, in the order of the rows' fields (generated columns are not among them)
 * @param estimatedBytes its size on disk at the source
 * @param estimatedRows the source's estimate of its rows (-1 when it has none)
 */
public record CopyTable(String schema, String name, List<CopyColumn> columns, long estimatedBytes, long estimatedRows) {
    public CopyTable {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
    }

    /** Schema and name, each quoted where it needs to be: for a condition or a query of the strategy's own. */
    public String qualifiedName() {
        return SqlNames.qualified(schema, name);
    }

    /** The position of the column named {@code column} among the rows' fields (from 0), or -1. */
    public int fieldOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A column of a copied table.
     *
     * @param name its name
     * @param type its type, as {@code format_type} prints it ("integer", "character varying(40)", "public.mood")
     */
    public record CopyColumn(String name, String type) {}
}
