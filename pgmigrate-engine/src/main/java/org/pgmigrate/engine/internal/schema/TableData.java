package org.pgmigrate.engine.internal.schema;

import java.util.List;

/**
 * A table whose rows are copied and verified.
 *
 * @param oid the source table
 * @param qualifiedName quoted {@code schema.table}, the same on both sides
 * @param schema unquoted schema name, for reports
 * @param name unquoted table name, for reports
 * @param columns the columns to copy (stored generated columns excluded)
 * @param filter a WHERE clause limiting the rows (extension configuration tables), or null
 * @param estimatedBytes on-disk size at the source, for scheduling largest first
 * @param estimatedRows the planner's row estimate at the source, -1 when unknown
 * @param integerKey the quoted single-column integer primary key, or null: lets large tables be
 *     verified in key ranges
 */
public record TableData(long oid, String qualifiedName, String schema, String name, List<TableColumn> columns,
                        String filter, long estimatedBytes, long estimatedRows, String integerKey) {
    public TableData {
        columns = List.copyOf(columns);
    }

    /** The same table with another row filter ({@code WHERE ...}, or null for every row). */
    public TableData withFilter(String rowFilter) {
        return new TableData(oid, qualifiedName, schema, name, columns, rowFilter, estimatedBytes, estimatedRows, integerKey);
    }

    /** Whether every column can travel in binary COPY (see {@link TableColumn#binarySafe()}). */
    public boolean binarySafe() {
        return columns.stream().allMatch(TableColumn::binarySafe);
    }

    /** The quoted column names, in order. */
    public List<String> columnNames() {
        return columns.stream().map(TableColumn::quotedName).toList();
    }
}
