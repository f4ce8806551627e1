package org.pgmigrate.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pgmigrate.testkit.DockerUnavailableException;
import org.testcontainers.DockerClientFactory;

class ContainerProviderTest {

    @Test
    void namesTheDependencyToAddWhereTestcontainersIsMissing() {
        ClassLoader withoutTestcontainers = new ClassLoader(null) {};
        assertThatThrownBy(() -> ContainerProvider.requireTestcontainers(withoutTestcontainers))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("add the dependency org.testcontainers:postgresql (test scope");
    }

    @Test
    void findsTestcontainersOnThisClasspath() {
        ContainerProvider.requireTestcontainers(ContainerProvider.class.getClassLoader());
    }

    @Test
    void passesSettingsOnTheContainersCommandLine() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fsync", "off");
        settings.put("wal_level", "logical");
        assertThat(ContainerServer.command(settings)).containsExactly("postgres", "-c", "fsync=off", "-c", "wal_level=logical");
    }

    @Test
    void saysSoWhereNoDockerEngineIsReachable() {
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "a Docker engine is reachable here");
        assertThatThrownBy(() -> ContainerProvider.start(16, Map.of()))
                .isInstanceOf(DockerUnavailableException.class)
                .hasMessageStartingWith("PostgreSQL 16 from the testcontainers provider needs a Docker engine, and none is reachable")
                .hasMessageContaining("-Dpgmigrate.testkit.provider=embedded");
    }
}
