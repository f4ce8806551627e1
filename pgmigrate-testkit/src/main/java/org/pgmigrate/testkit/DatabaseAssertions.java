package org.pgmigrate.testkit;

import java.sql.Connection;
import javax.sql.DataSource;

/**
 * Entry point of the database assertions, AssertJ style:
 *
 * <pre>{@code
 * assertThatDatabase(target).isEquivalentTo(source);
 * assertThatDatabase(target).ignoringOwnersAndAcls().schemaOnly().isEquivalentTo(source);
 * assertThatServer(targetServer).isEquivalentTo(sourceServer);
 * }</pre>
 */
public final class DatabaseAssertions {
    private DatabaseAssertions() {}

    /** Assertions on a whole server (roles, databases and each database's content), read as its superuser. */
    public static ServerAssert assertThatServer(PostgresServer server) {
        return new ServerAssert(server);
    }

    /** Assertions on {@code database}, read over new superuser connections. */
    public static DatabaseAssert assertThatDatabase(TestDatabase database) {
        return new DatabaseAssert(database, DatabaseHandle.of(database));
    }

    /**
     * Assertions on the database {@code connection} is connected to. The connection is used as
     * it is (it should be able to read every object, e.g. a superuser's) and is not closed.
     */
    public static DatabaseAssert assertThatDatabase(Connection connection) {
        return new DatabaseAssert(connection, DatabaseHandle.of(connection));
    }

    /**
     * Assertions on the database of {@code dataSource} (a pool, or a Testcontainers container's),
     * read over a connection taken from it and closed afterwards; it should be able to read every
     * object, e.g. a superuser's.
     */
    public static DatabaseAssert assertThatDatabase(DataSource dataSource) {
        return new DatabaseAssert(dataSource, DatabaseHandle.of(dataSource));
    }

    /**
     * Assertions on the database at {@code jdbcUrl} (for example a Testcontainers container's
     * {@code getJdbcUrl()}, {@code getUsername()} and {@code getPassword()}), read over a new
     * connection closed afterwards.
     */
    public static DatabaseAssert assertThatDatabase(String jdbcUrl, String user, String password) {
        return new DatabaseAssert(jdbcUrl, DatabaseHandle.of(jdbcUrl, user, password));
    }
}
