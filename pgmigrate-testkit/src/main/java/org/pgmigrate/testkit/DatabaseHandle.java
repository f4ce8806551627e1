package org.pgmigrate.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/** Where a side of a comparison gets its connection, and whether it closes it afterwards. */
final class DatabaseHandle {
    private final ConnectionSource source;
    private final boolean owned;
    private final String description;

    private DatabaseHandle(ConnectionSource source, boolean owned, String description) {
        this.source = source;
        this.owned = owned;
        this.description = description;
    }

    static DatabaseHandle of(TestDatabase database) {
        Objects.requireNonNull(database, "database");
        return new DatabaseHandle(database::connect, true, database.toString());
    }

    static DatabaseHandle of(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        return new DatabaseHandle(() -> connection, false, describe(connection));
    }

    int major() throws SQLException {
        Connection connection = source.open();
        try {
            return ServerMajor.of(connection);
        } finally {
            if (owned) {
                connection.close();
            }
        }
    }

    CatalogSnapshot read(CatalogReader reader) throws SQLException {
        Connection connection = source.open();
        try {
            return reader.read(connection);
        } finally {
            if (owned) {
                connection.close();
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }

    private static String describe(Connection connection) {
        try {
            return connection.getMetaData().getURL();
        } catch (SQLException e) {
            return connection.toString();
        }
    }

    @FunctionalInterface
    private interface ConnectionSource {
        Connection open() throws SQLException;
    }
}
