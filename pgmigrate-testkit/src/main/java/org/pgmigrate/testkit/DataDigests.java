package org.pgmigrate.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Row count and an order-independent digest of every table, computed inside the server: each row
 * is hashed (md5) from its text form, and the two 64-bit halves of the hashes are summed. A sum
 * needs neither sorting nor memory, so large tables digest at scan speed, and it counts duplicate
 * rows. Columns are taken in name order, so a different column order shows as a schema difference
 * only.
 */
final class DataDigests {
    private static final int FLOAT4 = 700;
    private static final int FLOAT8 = 701;

    private final CatalogQueries queries;

    DataDigests(CatalogQueries queries) {
        this.queries = queries;
    }

    List<CatalogEntry> read(Connection connection) throws SQLException {
        List<Table> tables = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(queries.tablesWithData())) {
            while (rs.next()) {
                tables.add(new Table(rs.getString(1), rs.getLong(2), rs.getBoolean(3)));
            }
        }
        List<CatalogEntry> digests = new ArrayList<>();
        for (Table table : tables) {
            digests.add(digest(connection, table));
        }
        return digests;
    }

    private CatalogEntry digest(Connection connection, Table table) throws SQLException {
        if (table.unpopulated) {
            return new CatalogEntry(DatabaseObjectKind.DATA, table.name, Map.of("rows", "not populated"));
        }
        String rowText = "ROW(" + String.join(", ", columnExpressions(connection, table)) + ")::text";
        // ONLY: an inheritance parent's digest covers its own rows; children have their own.
        String sql = "SELECT count(*),"
                + " coalesce(sum(('x' || substr(h, 1, 16))::bit(64)::bigint), 0)"
                + " || ':' || coalesce(sum(('x' || substr(h, 17, 16))::bit(64)::bigint), 0)"
                + " FROM (SELECT md5(" + rowText + ") AS h FROM ONLY " + table.name + ") x";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new CatalogEntry(DatabaseObjectKind.DATA, table.name,
                    Map.of("rows", rs.getString(1), "digest", rs.getString(2)));
        }
    }

    private List<String> columnExpressions(Connection connection, Table table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(queries.columnsOf())) {
            s.setLong(1, table.oid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(new Column(rs.getString(1), rs.getInt(2), rs.getInt(3)));
                }
            }
        }
        columns.sort(Comparator.comparing(Column::quotedName));
        return columns.stream().map(Column::expression).toList();
    }

    private record Table(String name, long oid, boolean unpopulated) {}

    /** quotedName is quoted by the server (format %I), so it is safe to splice in. */
    private record Column(String quotedName, int baseType, int elementType) {
        /**
         * Floats are compared in binary: their text form changed in 12 (shortest exact instead of
         * extra_float_digits), so 11 and 17 print the same value differently.
         */
        String expression() {
            if (baseType == FLOAT4 || baseType == FLOAT8) {
                return sendFunction(baseType) + "(" + quotedName + ")";
            }
            if (elementType == FLOAT4 || elementType == FLOAT8) {
                return "ROW(array_dims(" + quotedName + "), (SELECT array_agg(" + sendFunction(elementType)
                        + "(e) ORDER BY o) FROM unnest(" + quotedName + ") WITH ORDINALITY AS u(e, o)))";
            }
            return quotedName;
        }

        private static String sendFunction(int type) {
            return type == FLOAT4 ? "float4send" : "float8send";
        }
    }
}
