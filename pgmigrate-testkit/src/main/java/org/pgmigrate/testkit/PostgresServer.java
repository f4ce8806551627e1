package org.pgmigrate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.pgmigrate.Endpoint;
import org.pgmigrate.testkit.internal.ContainerProvider;
import org.pgmigrate.testkit.internal.EmbeddedServer;
import org.pgmigrate.testkit.internal.ServerProcess;

/**
 * A PostgreSQL server of a chosen major version, running until {@link #close()}: on loopback from
 * zonky's embedded binaries, or in a Testcontainers container (see {@link ServerProvider}). The
 * superuser is {@value #SUPERUSER}: without a password on an embedded server, with one of the
 * container's making otherwise ({@link #connect}, {@link #endpoint} and {@link #uri} give it). Other
 * roles authenticate with scram-sha-256 (or md5 where asked), so wrong passwords fail as they would
 * in production.
 */
public final class PostgresServer implements AutoCloseable {
    /**
     * The majors the testkit starts, each where zonky publishes binaries of it for the machine's
     * platform (Linux x86_64 has them all).
     */
    public static final List<Integer> MAJORS = List.of(11, 12, 13, 14, 15, 16, 17, 18);

    public static final String SUPERUSER = "postgres";

    private static final AtomicInteger DATABASE_COUNTER = new AtomicInteger();

    private final ServerProcess process;
    private final int major;
    private final ServerProvider provider;
    private final AtomicBoolean closed = new AtomicBoolean();

    PostgresServer(ServerProcess process, int major, ServerProvider provider) {
        this.process = process;
        this.major = major;
        this.provider = provider;
    }

    /** Starts a server of {@code major} with default settings. */
    public static PostgresServer start(int major) {
        return builder(major).start();
    }

    public static Builder builder(int major) {
        return new Builder(major);
    }

    public int major() {
        return major;
    }

    /** Where this server runs. */
    public ServerProvider provider() {
        return provider;
    }

    /** {@code server_version_num} of the running server. */
    public int versionNumber() {
        try (Connection c = connect("postgres"); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT current_setting('server_version_num')::int")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The host clients connect to: {@code localhost}, or the Docker host of a container. */
    public String host() {
        return process.host();
    }

    public int port() {
        return process.port();
    }

    /** JDBC URL of {@code database}, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /**
     * libpq URI of {@code database} for {@code user}, as a command line takes it; with the
     * superuser's password where the superuser has one.
     */
    public String uri(String user, String database) {
        String password = user.equals(SUPERUSER) ? process.superuserPassword().map(p -> ":" + p).orElse("") : "";
        return "postgresql://" + user + password + "@" + host() + ":" + port() + "/" + database;
    }

    /** Endpoint of {@code database} for the superuser. */
    public Endpoint endpoint(String database) {
        Endpoint.Builder endpoint = Endpoint.builder().jdbcUrl(jdbcUrl(database)).user(SUPERUSER);
        process.superuserPassword().ifPresent(endpoint::password);
        return endpoint.build();
    }

    /** A superuser connection to {@code database}. */
    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        process.superuserPassword().ifPresent(password -> props.setProperty("password", password));
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** Runs SQL (several statements allowed) as superuser in {@code database}. */
    public void execute(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Failed on " + database + ": " + e.getMessage(), e);
        }
    }

    /** The first column of every row {@code sql} returns in {@code database}, as text. */
    public List<String> queryColumn(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Installs the files of an extension of the test's own making (control file and one install
     * script) into this server's share directory, so that {@code CREATE EXTENSION name} works.
     * The directory belongs to the extracted binaries, which every server of this major on the
     * machine shares (and which outlive the JVM): use names no other test installs differently.
     * Embedded servers only.
     */
    public void installExtension(String name, String version, String script) {
        if (provider != ServerProvider.EMBEDDED) {
            throw Builder.refusal("installExtension(...)", provider, "the share directory it writes to is inside the container");
        }
        try (Connection c = connect("postgres"); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT setting FROM pg_catalog.pg_config WHERE name = 'SHAREDIR'")) {
            rs.next();
            java.nio.file.Path dir = java.nio.file.Path.of(rs.getString(1), "extension");
            java.nio.file.Files.writeString(dir.resolve(name + ".control"),
                    "comment = 'test extension'\ndefault_version = '" + version + "'\nrelocatable = false\n");
            java.nio.file.Files.writeString(dir.resolve(name + "--" + version + ".sql"), script);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a physical standby of this server (embedded, 15 or newer), streaming from a physical
     * slot of its own on this server, with hot standby feedback; it accepts read-only sessions
     * once started. On 17 and newer it synchronizes this server's failover slots (see
     * {@code pg_replication_slots.synced} on it), and this server's logical walsenders send
     * nothing it has not received ({@code synchronized_standby_slots}), so they stall while it is
     * down. The standby is a server of its own, closed on its own; its data directory goes with it.
     */
    public PostgresServer startStandby() {
        return new PostgresServer(embedded("startStandby()").startStandby(), major, provider);
    }

    /** Promotes this standby ({@code pg_promote}), returning once it accepts writes. */
    public void promote() {
        embedded("promote()").promote();
    }

    /**
     * Stops this server as a crash would ({@code pg_ctl stop -m immediate}): every session is cut,
     * and what a standby had not received is lost to it. {@link #close()} afterwards only cleans up.
     */
    public void stopImmediately() {
        embedded("stopImmediately()").stopImmediately();
    }

    private EmbeddedServer embedded(String feature) {
        if (!(process instanceof EmbeddedServer server)) {
            throw Builder.refusal(feature, provider, "it runs PostgreSQL's programs on the server's own data directory");
        }
        return server;
    }

    /**
     * A handle to the existing database {@code name}, e.g. one a standby received from its
     * primary; closing it drops the database.
     */
    public TestDatabase database(String name) {
        return new TestDatabase(this, name);
    }

    /** Creates a new, empty database with a unique name. */
    public TestDatabase createDatabase() {
        return createDatabase("db_" + DATABASE_COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid());
    }

    /**
     * Creates a new, empty database with a unique name, in {@code encoding} and the C locale
     * (which every encoding accepts), e.g. {@code SQL_ASCII} to store bytes that are not UTF-8.
     */
    public TestDatabase createDatabase(Charset encoding) {
        String name = "db_" + DATABASE_COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid();
        // the encoding's name is a constant of the enum, never text from a caller
        execute("postgres", "CREATE DATABASE " + Sql.ident(name) + " TEMPLATE template0 ENCODING '" + encoding.serverName
                + "' LC_COLLATE 'C' LC_CTYPE 'C'");
        return new TestDatabase(this, name);
    }

    /** Server encodings a test may ask {@link #createDatabase(Charset)} for. */
    public enum Charset {
        UTF8("UTF8"),
        /** No encoding at all: bytes are stored as given, valid UTF-8 or not. */
        SQL_ASCII("SQL_ASCII"),
        LATIN1("LATIN1");

        private final String serverName;

        Charset(String serverName) {
            this.serverName = serverName;
        }
    }

    /** Creates a new, empty database named {@code name} (from template0). */
    public TestDatabase createDatabase(String name) {
        execute("postgres", "CREATE DATABASE " + Sql.ident(name) + " TEMPLATE template0 ENCODING 'UTF8'");
        return new TestDatabase(this, name);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            process.close();
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL " + major + (provider == ServerProvider.EMBEDDED ? "" : " (" + provider + ")")
                + " on port " + (closed.get() ? "(closed)" : port());
    }

    /** Chooses settings before the server starts. */
    public static final class Builder {
        private final int major;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final List<String> hbaRules = new java.util.ArrayList<>();
        private boolean tls;
        private ServerProvider provider;

        private Builder(int major) {
            if (!MAJORS.contains(major)) {
                throw new IllegalArgumentException("The testkit starts no PostgreSQL " + major + "; choose one of " + MAJORS);
            }
            this.major = major;
            settings.put("max_connections", "100");
            settings.put("fsync", "off");
            settings.put("full_page_writes", "off");
            settings.put("synchronous_commit", "off");
            settings.put("max_prepared_transactions", "10");
        }

        /** A server setting, as in postgresql.conf. */
        public Builder setting(String name, String value) {
            settings.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        /**
         * Where this server runs, whatever the JVM chose ({@link ServerProvider#ofThisJvm()}): a test
         * that needs what only one provider can do says so here.
         */
        public Builder provider(ServerProvider provider) {
            this.provider = Objects.requireNonNull(provider);
            return this;
        }

        /**
         * A pg_hba.conf line checked before the testkit's own (e.g. {@code hostssl all alice 127.0.0.1/32 cert},
         * or {@code hostnossl all alice 127.0.0.1/32 reject} to make a role use TLS).
         */
        public Builder hbaRule(String line) {
            hbaRules.add(Objects.requireNonNull(line));
            return this;
        }

        /**
         * TLS on, with the server certificate and key of {@code certificates}; client certificates
         * signed by its CA are accepted where an {@link #hbaRule} asks for {@code cert}.
         */
        public Builder tls(TestCertificates certificates) {
            tls = true;
            setting("ssl", "on");
            setting("ssl_cert_file", certificates.serverCertificate().toString());
            setting("ssl_key_file", certificates.serverKey().toString());
            setting("ssl_ca_file", certificates.caCertificate().toString());
            return this;
        }

        /**
         * Starts the server. Embedded: with the binaries of this major alone, from a zonky jar of the
         * major on the classpath, else the local Maven repository, where they are downloaded to first
         * when missing (see the README's "Tests"). Testcontainers: in a {@code postgres:<major>}
         * container, or a {@link DockerUnavailableException} where no Docker engine is reachable.
         */
        public PostgresServer start() {
            ServerProvider chosen = chosenProvider();
            return switch (chosen) {
                case EMBEDDED -> new PostgresServer(EmbeddedServer.start(major, settings, HbaFile.path(hbaRules)), major, chosen);
                case TESTCONTAINERS -> {
                    refuseWhatContainersCannotDo(chosen);
                    yield new PostgresServer(ContainerProvider.start(major, settings), major, chosen);
                }
            };
        }

        /** The builder's choice, else the JVM's. */
        ServerProvider chosenProvider() {
            return provider != null ? provider : ServerProvider.ofThisJvm();
        }

        private void refuseWhatContainersCannotDo(ServerProvider chosen) {
            if (!hbaRules.isEmpty()) {
                throw refusal("hbaRule(...)", chosen, "the container authenticates with its image's own pg_hba.conf");
            }
            if (tls) {
                throw refusal("tls(...)", chosen, "the certificate files are on this machine, not in the container");
            }
        }

        static UnsupportedOperationException refusal(String feature, ServerProvider provider, String why) {
            return new UnsupportedOperationException("PostgresServer " + feature + " needs the embedded provider, and the "
                    + provider + " provider cannot give it: " + why + ". Choose the embedded one for this server with"
                    + " PostgresServer.builder(major).provider(ServerProvider.EMBEDDED)");
        }
    }
}
