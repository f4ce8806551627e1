package org.pgmigrate.testkit.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** A server of zonky's embedded binaries, a process on loopback whose superuser is trusted. */
public final class EmbeddedServer implements ServerProcess {
    private final EmbeddedPostgres postgres;
    private final int major;
    private final Map<String, String> settings;
    private final Path hbaFile;
    /** A standby's data directory, which this server removes when closed; null where zonky made (and removes) it. */
    private final Path ownDataDirectory;

    private EmbeddedServer(EmbeddedPostgres postgres, int major, Map<String, String> settings, Path hbaFile, Path ownDataDirectory) {
        this.postgres = postgres;
        this.major = major;
        this.settings = Map.copyOf(settings);
        this.hbaFile = hbaFile;
        this.ownDataDirectory = ownDataDirectory;
    }

    /**
     * Starts {@code major} with the binaries of that major alone: from a zonky jar of the major on
     * the classpath, else the local Maven repository, where they are downloaded to first when missing.
     */
    public static EmbeddedServer start(int major, Map<String, String> settings, Path hbaFile) {
        return start(major, settings, hbaFile, null);
    }

    /** Starts {@code major} on {@code dataDirectory} as it is (no initdb) when given, else on a new cluster. */
    static EmbeddedServer start(int major, Map<String, String> settings, Path hbaFile, Path dataDirectory) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPgBinaryResolver(PostgresBinaries.ofThisJvm().archive(major))
                .setPGStartupWait(Duration.ofSeconds(60));
        if (dataDirectory != null) {
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        settings.forEach(builder::setServerConfig);
        builder.setServerConfig("hba_file", hbaFile.toString());
        try {
            return new EmbeddedServer(builder.start(), major, settings, hbaFile, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL " + major + " did not start", e);
        }
    }

    /** A physical standby of this server (see {@link PhysicalStandby}). */
    public EmbeddedServer startStandby() {
        return PhysicalStandby.start(this);
    }

    /** Starts a server of this one's major and settings on {@code dataDirectory}, which it removes when closed. */
    EmbeddedServer startOn(Path dataDirectory) {
        return start(major, settings, hbaFile, dataDirectory);
    }

    int major() {
        return major;
    }

    /** A superuser connection to {@code database}. */
    Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        return DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + port() + "/" + database, p);
    }

    /**
     * Stops the server as a crash would ({@code pg_ctl stop -m immediate}): sessions are cut, there
     * is no shutdown checkpoint, and WAL not yet sent to a standby is lost to it.
     */
    public void stopImmediately() {
        PhysicalStandby.stopImmediately(this);
    }

    /** Promotes this standby, returning once it accepts writes. */
    public void promote() {
        try (Connection c = connect("postgres")) {
            PhysicalStandby.promote(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public int port() {
        return postgres.getPort();
    }

    @Override
    public Optional<String> superuserPassword() {
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            postgres.close();
            if (ownDataDirectory != null) {
                PhysicalStandby.delete(ownDataDirectory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
