package org.pgmigrate.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;

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

    /** Each read over a new connection of {@code dataSource}, closed afterwards (returned to its pool). */
    static DatabaseHandle of(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new DatabaseHandle(dataSource::getConnection, true, "DataSource " + dataSource.getClass().getName());
    }

    /** Each read over a new connection to {@code jdbcUrl}, closed afterwards. */
    static DatabaseHandle of(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return new DatabaseHandle(() -> DriverManager.getConnection(jdbcUrl, properties), true, jdbcUrl);
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
