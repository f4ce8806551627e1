package org.pgmigrate.engine.internal.schema;

import java.util.List;

/**
 * A table whose rows are copied.
 *
 * @param oid the source table
 * @param qualifiedName quoted {@code schema.table}, the same on both sides
 * @param schema unquoted schema name, for reports
 * @param name unquoted table name, for reports
 * @param columns quoted names of the columns to copy (stored generated columns excluded)
 * @param filter a WHERE clause limiting the rows (extension configuration tables), or null
 * @param estimatedBytes on-disk size at the source, for scheduling largest first
 */
public record TableData(long oid, String qualifiedName, String schema, String name, List<String> columns,
                        String filter, long estimatedBytes) {
    public TableData {
        columns = List.copyOf(columns);
    }
}
