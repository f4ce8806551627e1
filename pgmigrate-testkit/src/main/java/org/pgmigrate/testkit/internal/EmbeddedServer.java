package org.pgmigrate.testkit.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A server of zonky's embedded binaries, a process on loopback whose superuser is trusted. */
public final class EmbeddedServer implements ServerProcess {
    private final EmbeddedPostgres postgres;

    private EmbeddedServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts {@code major} with the binaries of that major alone: from a zonky jar of the major on
     * the classpath, else the local Maven repository, where they are downloaded to first when missing.
     */
    public static ServerProcess start(int major, Map<String, String> settings, Path hbaFile) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPgBinaryResolver(PostgresBinaries.ofThisJvm().archive(major))
                .setPGStartupWait(Duration.ofSeconds(60));
        settings.forEach(builder::setServerConfig);
        builder.setServerConfig("hba_file", hbaFile.toString());
        try {
            return new EmbeddedServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL " + major + " did not start", e);
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
