package org.pgmigrate.engine.internal.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.Consumer;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens connections to one endpoint with the session settings the engine relies on: the same
 * text formats on both sides (so COPY text and row digests agree), an empty search_path (so every
 * name the catalogs render is schema-qualified), no timeouts and no JIT compilation. A connection
 * of the caller's {@code DataSource} goes back to it with the settings it came with ({@link
 * BorrowedConnection}).
 */
public final class Connector {
    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);

    private static final String SESSION_SETTINGS = String.join("; ",
            "SET search_path = ''",
            "SET DateStyle = 'ISO, YMD'",
            "SET IntervalStyle = 'postgres'",
            "SET TimeZone = 'UTC'",
            "SET extra_float_digits = 3",
            "SET bytea_output = 'hex'",
            "SET lc_monetary = 'C'",
            "SET statement_timeout = 0",
            "SET lock_timeout = 0",
            "SET idle_in_transaction_session_timeout = 0",
            "SET client_min_messages = 'warning'",
            // the server's JIT compiles the catalogs' queries for hundreds of milliseconds each (a large
            // estimated cost, few rows), and gains nothing on COPY or a table's hash; a server before 11 has no jit
            "SELECT pg_catalog.set_config(name, 'off', false) FROM pg_catalog.pg_settings WHERE name = 'jit'");

    private static final String TARGET_SETTINGS = String.join("; ",
            "SET synchronous_commit = off",
            "SET check_function_bodies = off");

    static final long MIN_MAINTENANCE_MEMORY = 64L << 20;
    static final long MAX_MAINTENANCE_MEMORY = 2L << 30;
    /** For target sessions that build no indexes in bulk (checks, verification). */
    private static final long DEFAULT_MAINTENANCE_MEMORY = 256L << 20;

    private final Endpoint endpoint;
    private final Side side;
    private final long maintenanceMemory;
    private final Consumer<Connection> opened;

    public Connector(Endpoint endpoint, Side side) {
        this(endpoint, side, DEFAULT_MAINTENANCE_MEMORY, c -> { });
    }

    private Connector(Endpoint endpoint, Side side, long maintenanceMemory, Consumer<Connection> opened) {
        this.endpoint = endpoint;
        this.side = side;
        this.maintenanceMemory = maintenanceMemory;
        this.opened = opened;
    }

    /**
     * This connector, handing every connection it opens to {@code opened} before returning it;
     * when {@code opened} throws, the connection is closed and the open fails with that exception.
     */
    public Connector onOpen(Consumer<Connection> opened) {
        return new Connector(endpoint, side, maintenanceMemory, this.opened.andThen(opened));
    }

    /**
     * Whether sessions may change their client encoding: text of a SQL_ASCII database may hold
     * bytes that are not UTF-8, which the server refuses to send to or take from a UTF-8 client
     * (pgjdbc's default), so its rows are copied in a single-byte encoding. The setting that allows
     * it is a connection property, which a DataSource's connections may lack.
     */
    public boolean allowsEncodingChanges() {
        return endpoint.dataSource().isEmpty();
    }

    /**
     * Whether rows travel between these two as the bytes they are: both databases are SQL_ASCII,
     * which may hold bytes that are no UTF-8, and both connectors may switch the client encoding.
     */
    public static boolean rawBytes(Connector sourceConnector, Connection source, Connector targetConnector, Connection target)
            throws SQLException {
        return isSqlAscii(source) && isSqlAscii(target) && sourceConnector.allowsEncodingChanges() && targetConnector.allowsEncodingChanges();
    }

    private static boolean isSqlAscii(Connection c) throws SQLException {
        return serverEncoding(c).equals("SQL_ASCII");
    }

    /** The database's encoding, as the server reported it when the session began (no round trip). */
    public static String serverEncoding(Connection c) throws SQLException {
        return c.unwrap(PGConnection.class).getParameterStatus("server_encoding");
    }

    /**
     * Target sessions that build indexes side by side: each gets its share of {@code indexBuildMemory}
     * as maintenance_work_mem, within 64 MiB and 2 GiB.
     */
    public static Connector forIndexBuilds(Endpoint target, long indexBuildMemory, int jobs) {
        return new Connector(target, Side.TARGET, maintenanceMemoryPerSession(indexBuildMemory, jobs), c -> { });
    }

    static long maintenanceMemoryPerSession(long budget, int jobs) {
        return Math.max(MIN_MAINTENANCE_MEMORY, Math.min(MAX_MAINTENANCE_MEMORY, budget / jobs));
    }

    public Side side() {
        return side;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** A new connection in auto-commit mode with the engine's session settings. */
    public Connection open() {
        return open("pgmigrate");
    }

    /**
     * A new connection like {@link #open()}, showing {@code applicationName} in
     * {@code pg_stat_activity} (ignored for data sources, which set their own).
     */
    public Connection open(String applicationName) {
        return open(applicationName, new Properties());
    }

    /** A new connection like {@link #open(String)}, with further pgjdbc properties (URL connections only). */
    public Connection open(String applicationName, Properties extra) {
        Connection connection = null;
        try {
            Properties properties = properties();
            properties.putAll(extra);
            properties.setProperty("ApplicationName", applicationName);
            if (endpoint.dataSource().isPresent()) {
                connection = endpoint.dataSource().get().getConnection();
                connection = BorrowedConnection.borrow(connection);
            } else {
                connection = DriverManager.getConnection(endpoint.jdbcUrl(), properties);
            }
            connection.unwrap(PGConnection.class);
            connection.setAutoCommit(true);
            try (Statement s = connection.createStatement()) {
                s.execute(SESSION_SETTINGS);
                if (side == Side.TARGET) {
                    s.execute(TARGET_SETTINGS + "; SET maintenance_work_mem = '" + maintenanceMemory / 1024 + "kB'");
                }
            }
            return handOver(connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw ErrorTranslator.connectFailed(side, endpoint, e);
        }
    }

    /**
     * A new logical replication connection (a walsender bound to the endpoint's database), in
     * simple query mode as the replication protocol requires, with the text formats the apply
     * side expects pgoutput to send values in.
     */
    public Connection openReplication(String applicationName) {
        if (endpoint.dataSource().isPresent()) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "Online migration opens replication connections to the "
                    + side.label() + ", which a DataSource cannot provide: give the " + side.label() + " as a URL.");
        }
        Properties p = properties();
        p.setProperty("ApplicationName", applicationName);
        p.setProperty("replication", "database");
        p.setProperty("assumeMinServerVersion", "10");
        p.setProperty("preferQueryMode", "simple");
        p.setProperty("options", "-c datestyle=ISO,YMD -c intervalstyle=postgres -c extra_float_digits=3 -c bytea_output=hex"
                + " -c timezone=UTC -c statement_timeout=0 -c idle_in_transaction_session_timeout=0");
        try {
            return handOver(DriverManager.getConnection(endpoint.jdbcUrl(), p));
        } catch (SQLException e) {
            throw ErrorTranslator.connectFailed(side, endpoint, e);
        }
    }

    private Connection handOver(Connection connection) {
        try {
            opened.accept(connection);
            return connection;
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private Properties properties() {
        Properties p = endpoint.connectionProperties();
        p.setProperty("ApplicationName", "pgmigrate");
        p.putIfAbsent("connectTimeout", "15");
        p.setProperty("tcpKeepAlive", "true");
        // lets the rows of a SQL_ASCII database travel in LATIN1 (see allowsEncodingChanges()); nothing else changes it
        p.setProperty("allowEncodingChanges", "true");
        return p;
    }

    /**
     * Asks the server to cancel what the session runs now: a statement waiting for a lock or
     * running long would otherwise go on after its socket is closed, until it ends by itself.
     */
    public static void cancelStatementQuietly(Connection c) {
        try {
            if (!c.isClosed()) {
                c.unwrap(PGConnection.class).cancelQuery();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Could not cancel a session's statement: {}", e.getMessage());
        }
    }

    /**
     * Closes the socket without the goodbye {@code close()} sends, which would wait for a thread
     * using the connection; the server rolls back what the session had open.
     */
    public static void abortQuietly(Connection c) {
        try {
            c.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
        }
    }

    public static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing after a failure: the first error is the one worth reporting
            }
        }
    }
}
