package org.pgmigrate.engine.internal.verify;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;
import org.pgmigrate.engine.internal.schema.TableColumn;
import org.pgmigrate.engine.internal.schema.TableData;

/**
 * A table's (or key range's) row count and content checksum, computed inside the server so no
 * row leaves it. Each row's md5 is split into two 64-bit halves that are summed: the result
 * does not depend on row order or physical layout, and a duplicated row changes it.
 *
 * @param rows the row count
 * @param high sum of the rows' first md5 halves
 * @param low sum of the rows' second md5 halves
 */
record Checksum(long rows, BigDecimal high, BigDecimal low) {

    /**
     * Computes the checksum of {@code table}'s rows matching {@code range} (null for all); with
     * {@code inUtf8} the rows are hashed in UTF-8 whatever the database encoding, so that databases
     * of different encodings can be compared (at the cost of a conversion).
     */
    static Checksum of(Connection connection, TableData table, String range, boolean inUtf8) throws SQLException {
        String sql = query(table, range, inUtf8);
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new Checksum(rs.getLong(1), rs.getBigDecimal(2), rs.getBigDecimal(3));
        }
    }

    static String query(TableData table, String range, boolean inUtf8) {
        String text = "ROW(" + table.columns().stream().map(TableColumn::checksumExpression).collect(Collectors.joining(", ")) + ")::text";
        String row = table.columns().isEmpty() ? "''"
                : "pg_catalog.md5(" + (inUtf8 ? "pg_catalog.convert_to(" + text + ", 'UTF8')" : text) + ")";
        String where = whereClause(table.filter(), range);
        return "SELECT pg_catalog.count(*),"
                + " COALESCE(pg_catalog.sum(('x' || pg_catalog.substr(h, 1, 16))::bit(64)::bigint), 0),"
                + " COALESCE(pg_catalog.sum(('x' || pg_catalog.substr(h, 17, 16))::bit(64)::bigint), 0)"
                + " FROM (SELECT " + row + " AS h FROM ONLY " + table.qualifiedName() + where + ") rows";
    }

    private static String whereClause(String filter, String range) {
        boolean hasFilter = filter != null && !filter.isBlank();
        if (range == null) {
            return hasFilter ? " " + filter : "";
        }
        return hasFilter ? " " + filter + " AND (" + range + ")" : " WHERE " + range;
    }
}
