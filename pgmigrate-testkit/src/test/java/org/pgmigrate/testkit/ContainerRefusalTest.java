package org.pgmigrate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pgmigrate.testkit.internal.ServerProcess;

/**
 * What a container server cannot do is refused before anything starts, naming the feature and the
 * provider (tls(...): in the engine's TlsIT, which has certificates at hand).
 */
class ContainerRefusalTest {

    @Test
    void refusesHbaRules() {
        PostgresServer.Builder builder = PostgresServer.builder(17).provider(ServerProvider.TESTCONTAINERS)
                .hbaRule("hostnossl all alice 127.0.0.1/32 reject");
        assertThatThrownBy(builder::start).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageStartingWith("PostgresServer hbaRule(...) needs the embedded provider, and the testcontainers provider cannot give it")
                .hasMessageContaining("provider(ServerProvider.EMBEDDED)");
    }

    @Test
    void refusesToInstallAnExtensionIntoAContainer() {
        PostgresServer server = new PostgresServer(new FakeContainer(), 17, ServerProvider.TESTCONTAINERS);
        assertThatThrownBy(() -> server.installExtension("mine", "1.0", "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageStartingWith("PostgresServer installExtension(...) needs the embedded provider, and the testcontainers provider");
    }

    @Test
    void refusesStandbysAndImmediateStopsOfAContainer() {
        PostgresServer server = new PostgresServer(new FakeContainer(), 17, ServerProvider.TESTCONTAINERS);
        assertThatThrownBy(server::startStandby).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageStartingWith("PostgresServer startStandby() needs the embedded provider");
        assertThatThrownBy(server::stopImmediately).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageStartingWith("PostgresServer stopImmediately() needs the embedded provider");
    }

    @Test
    void givesTheContainersHostPortAndSuperuserPassword() {
        PostgresServer server = new PostgresServer(new FakeContainer(), 17, ServerProvider.TESTCONTAINERS);
        assertThat(server.jdbcUrl("shop")).isEqualTo("jdbc:postgresql://docker-host:49153/shop");
        assertThat(server.uri("postgres", "shop")).isEqualTo("postgresql://postgres:s3cret@docker-host:49153/shop");
        assertThat(server.uri("app", "shop")).isEqualTo("postgresql://app@docker-host:49153/shop");
        assertThat(server.endpoint("shop").password()).contains("s3cret");
        assertThat(server).hasToString("PostgreSQL 17 (testcontainers) on port 49153");
    }

    private static final class FakeContainer implements ServerProcess {
        @Override
        public String host() {
            return "docker-host";
        }

        @Override
        public int port() {
            return 49153;
        }

        @Override
        public Optional<String> superuserPassword() {
            return Optional.of("s3cret");
        }

        @Override
        public void close() {}
    }
}
