package org.pgmigrate.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.pgmigrate.testkit.PostgresServer;

class BinaryVersionsTest {
    private final BinaryVersions versions = BinaryVersions.load();

    @Test
    void linuxX86HasEveryMajorTheTestkitStartsFromTheRootPomsVersions() {
        assertThat(versions.majors(Platform.LINUX_X86_64)).containsExactlyElementsOf(PostgresServer.MAJORS);
        assertThat(versions.artifact(Platform.LINUX_X86_64, 18)).get()
                .extracting(ZonkyArtifact::version).asString().startsWith("18.").doesNotContain("$");
    }

    @Test
    void everyVersionIsOfTheMajorItIsListedFor() {
        for (Platform platform : Platform.values()) {
            assertThat(versions.majors(platform)).as("%s", platform).isNotEmpty().isSubsetOf(PostgresServer.MAJORS);
            for (int major : versions.majors(platform)) {
                assertThat(versions.artifact(platform, major)).get().extracting(ZonkyArtifact::major).isEqualTo(major);
            }
        }
    }

    @Test
    void aMajorZonkyDoesNotPublishForAPlatformHasNoArtifact() {
        Properties table = new Properties();
        table.setProperty("darwin-arm64v8.16", "16.15.0");
        table.setProperty("linux-amd64.11", "11.22.0");
        BinaryVersions small = new BinaryVersions(table);

        assertThat(small.artifact(Platform.MACOS_ARM_64, 11)).isEmpty();
        assertThat(small.artifact(Platform.MACOS_ARM_64, 16)).contains(new ZonkyArtifact(Platform.MACOS_ARM_64, "16.15.0"));
        assertThat(small.majors(Platform.MACOS_ARM_64)).containsExactly(16);
    }
}
