package org.pgmigrate.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.pgmigrate.testkit.DockerUnavailableException;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.ServerProvider;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A server in a Testcontainers {@code postgres:<major>} container. The only class of the testkit
 * that names Testcontainers types: loaded through {@link ContainerProvider} once the provider is
 * chosen and Testcontainers is known to be there.
 */
final class ContainerServer implements ServerProcess {
    private final PostgreSQLContainer<?> container;

    private ContainerServer(PostgreSQLContainer<?> container) {
        this.container = container;
    }

    static ServerProcess start(int major, Map<String, String> settings) {
        // Checked first, so that without Docker no image is looked for and the cause is named.
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new DockerUnavailableException("PostgreSQL " + major + " from the testcontainers provider needs a Docker engine,"
                    + " and none is reachable from here: start one (or point DOCKER_HOST or ~/.testcontainers.properties at one),"
                    + " or choose the embedded provider (-D" + ServerProvider.PROPERTY + "=embedded, or PostgresServer.Builder.provider)");
        }
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(DockerImageName.parse("postgres:" + major));
        // A published port is reachable from other machines too: no fixed password.
        container.withUsername(PostgresServer.SUPERUSER).withPassword(UUID.randomUUID().toString())
                .withDatabaseName("postgres")
                .withCommand(command(settings));
        container.start();
        return new ContainerServer(container);
    }

    /** The image's entry point runs {@code postgres} with these arguments. */
    static String[] command(Map<String, String> settings) {
        List<String> command = new ArrayList<>(List.of("postgres"));
        settings.forEach((name, value) -> {
            command.add("-c");
            command.add(name + "=" + value);
        });
        return command.toArray(String[]::new);
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    @Override
    public Optional<String> superuserPassword() {
        return Optional.of(container.getPassword());
    }

    @Override
    public void close() {
        container.stop();
    }
}
