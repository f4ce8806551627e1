package org.pgmigrate.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * A shop-like sample database of the testkit's own making, loaded into an empty database: several
 * schemas, every common kind of object (partitioned and inherited tables, views, functions,
 * triggers, policies, grants, comments, large objects...) and a few thousand rows of awkward
 * values. It adapts to the server's major: features newer than PostgreSQL 11 are added only where
 * the server has them.
 *
 * <p>The content is deterministic, so two loads are equivalent. The loader must connect as a
 * superuser; it creates the cluster-wide roles {@link #ROLES} when they are missing.
 */
public final class SampleDatabase {
    /** Roles the sample's objects are owned by or granted to. */
    public static final List<String> ROLES = List.of("sample_owner", "sample_reader", "sample_writer");

    /** Schemas the sample creates (besides changing {@code public}). */
    public static final List<String> SCHEMAS = List.of("shop", "audit", "Mixed Case", "ext");

    /** The script parts, each with the first major that understands it. */
    private static final List<Part> PARTS = List.of(
            new Part("base.sql", 11),
            new Part("pg12.sql", 12),
            new Part("pg14.sql", 14),
            new Part("pg15.sql", 15),
            new Part("pg17.sql", 17),
            new Part("pg18.sql", 18));

    private SampleDatabase() {}

    /** Loads the sample into {@code database}, which should be empty. */
    public static void load(TestDatabase database) {
        try (Connection connection = database.connect()) {
            load(connection, ServerMajor.of(connection));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load the sample into " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads the parts of the sample meant for {@code major} through {@code connection}, in one
     * transaction. A {@code major} lower than the server's loads the older, smaller sample, which
     * is how a test gets the same content on an old and a new server.
     */
    public static void load(Connection connection, int major) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (Part part : PARTS) {
                if (major >= part.firstMajor) {
                    statement.execute(part.script());
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Creates the sample's roles on the server of {@code database} where they are missing, so a
     * migration target has the roles the sample's owners and grants name (roles belong to the
     * server, not to a database).
     */
    public static void createRoles(TestDatabase database) {
        for (String role : ROLES) {
            database.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '" + role
                    + "') THEN CREATE ROLE " + Sql.ident(role) + " NOLOGIN; END IF; END $$");
        }
    }

    /** The SQL scripts {@link #load} would run for {@code major}, in order. */
    public static List<String> scripts(int major) {
        return PARTS.stream().filter(p -> major >= p.firstMajor).map(Part::script).toList();
    }

    private record Part(String file, int firstMajor) {
        String script() {
            String resource = "sample/" + file;
            try (InputStream in = SampleDatabase.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Missing resource " + resource);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
