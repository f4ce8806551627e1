package org.pgmigrate.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link CatalogSnapshot} through one connection, in one repeatable-read transaction so
 * that the schema and the data digests describe the same moment.
 */
final class CatalogReader {
    private final boolean readSchema;
    private final boolean readData;
    private final boolean withoutMaintain;

    CatalogReader(boolean readSchema, boolean readData, boolean withoutMaintain) {
        this.readSchema = readSchema;
        this.readData = readData;
        this.withoutMaintain = withoutMaintain;
    }

    CatalogSnapshot read(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        if (autoCommit) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
        try {
            Map<String, String> previous = SessionSettings.apply(connection);
            try {
                return readUnderSettings(connection);
            } finally {
                if (!autoCommit) {
                    SessionSettings.restore(connection, previous);
                }
            }
        } finally {
            if (autoCommit) {
                // Nothing was written; ending the transaction also drops the local settings.
                connection.rollback();
                connection.setTransactionIsolation(isolation);
                connection.setAutoCommit(true);
            }
        }
    }

    /** Reads the server-wide objects (see {@link CatalogQueries#server}) through {@code connection}, a superuser's. */
    static CatalogSnapshot readServer(Connection connection, boolean membershipOptions, int otherMajor) throws SQLException {
        connection.setAutoCommit(false); // the settings are local to the transaction
        SessionSettings.apply(connection);
        try {
            int major = ServerMajor.of(connection);
            Map<String, CatalogEntry> entries = new LinkedHashMap<>();
            for (String sql : new CatalogQueries(major, false).server(membershipOptions, otherMajor)) {
                readEntries(connection, sql, entries);
            }
            return new CatalogSnapshot(major, entries);
        } finally {
            connection.rollback();
        }
    }

    private CatalogSnapshot readUnderSettings(Connection connection) throws SQLException {
        int major = ServerMajor.of(connection);
        CatalogQueries queries = new CatalogQueries(major, withoutMaintain);
        Map<String, CatalogEntry> entries = new LinkedHashMap<>();
        if (readSchema) {
            for (String sql : queries.all()) {
                readEntries(connection, sql, entries);
            }
            addSequenceValues(connection, queries, entries);
        }
        if (readData) {
            for (CatalogEntry digest : new DataDigests(queries).read(connection)) {
                put(entries, digest);
            }
        }
        return new CatalogSnapshot(major, entries);
    }

    private static void readEntries(Connection connection, String sql, Map<String, CatalogEntry> entries)
            throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> properties = new LinkedHashMap<>();
                for (int i = 3; i <= meta.getColumnCount(); i++) {
                    String value = rs.getString(i);
                    if (value != null) {
                        properties.put(meta.getColumnLabel(i), value);
                    }
                }
                put(entries, new CatalogEntry(DatabaseObjectKind.ofLabel(rs.getString(1)), rs.getString(2), properties));
            }
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + "\nwhile running the comparison query:\n" + sql, e.getSQLState(), e);
        }
    }

    /** The current value of a sequence is data the catalogs do not hold; read it from the sequence. */
    private static void addSequenceValues(Connection connection, CatalogQueries queries, Map<String, CatalogEntry> entries)
            throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(queries.sequenceNames())) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        for (String name : names) {
            // name is quoted by the server (format %I), so it is safe to splice in.
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM " + name)) {
                rs.next();
                String key = DatabaseObjectKind.SEQUENCE.label() + " " + name;
                CatalogEntry entry = entries.get(key);
                Map<String, String> properties = new LinkedHashMap<>(entry.properties());
                properties.put("last_value", rs.getString(1));
                properties.put("is_called", rs.getString(2));
                entries.put(key, new CatalogEntry(entry.kind(), entry.name(), properties));
            }
        }
    }

    /** Keys are unique in practice; should the catalogs allow a repeat, keep both. */
    private static void put(Map<String, CatalogEntry> entries, CatalogEntry entry) {
        CatalogEntry unique = entry;
        for (int n = 2; entries.containsKey(unique.key()); n++) {
            unique = new CatalogEntry(entry.kind(), entry.name() + " #" + n, entry.properties());
        }
        entries.put(unique.key(), unique);
    }
}
