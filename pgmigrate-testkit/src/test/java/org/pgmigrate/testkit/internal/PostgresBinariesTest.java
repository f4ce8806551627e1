package org.pgmigrate.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresBinariesTest {
    private static final ZonkyArtifact SIXTEEN = new ZonkyArtifact(Platform.LINUX_X86_64, "16.8.0");
    private static final ZonkyArtifact SEVENTEEN = new ZonkyArtifact(Platform.LINUX_X86_64, "17.6.0");

    @TempDir
    Path local;

    @TempDir
    Path elsewhere;

    private final FakeRepository server = new FakeRepository();

    private final ClassLoader emptyClasspath = new URLClassLoader(new URL[0], null);

    PostgresBinariesTest() throws IOException {}

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void downloadsTheRequestedMajorAloneOnceIntoTheLocalRepository() throws Exception {
        publish(SIXTEEN);
        publish(SEVENTEEN);
        PostgresBinaries binaries = binaries(emptyClasspath, server.url());

        BinaryArchive archive = binaries.archive(16);
        BinaryArchive again = binaries.archive(16);

        assertThat(FakeZonkyJar.read(archive)).isEqualTo(FakeZonkyJar.archiveText(SIXTEEN));
        assertThat(again).isEqualTo(archive);
        assertThat(server.requested()).containsExactly(SIXTEEN.repositoryPath() + ".sha1", SIXTEEN.repositoryPath());
        assertThat(new LocalRepository(local).pathOf(SIXTEEN)).exists();
        assertThat(new LocalRepository(local).pathOf(SEVENTEEN)).doesNotExist();
    }

    @Test
    void usesTheLocalRepositorysJarWithoutAskingTheRemote() throws Exception {
        FakeZonkyJar.write(new LocalRepository(local).pathOf(SIXTEEN).getParent(), SIXTEEN);

        BinaryArchive archive = binaries(emptyClasspath, server.url()).archive(16);

        assertThat(FakeZonkyJar.read(archive)).isEqualTo(FakeZonkyJar.archiveText(SIXTEEN));
        assertThat(server.requested()).isEmpty();
    }

    @Test
    void prefersAJarOfTheMajorOnTheClasspath() throws Exception {
        ZonkyArtifact pinned = new ZonkyArtifact(Platform.LINUX_X86_64, "16.4.0");
        Path jar = FakeZonkyJar.write(elsewhere, pinned);

        try (URLClassLoader classpath = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(FakeZonkyJar.read(binaries(classpath, server.url()).archive(16))).isEqualTo(FakeZonkyJar.archiveText(pinned));
        }
        assertThat(server.requested()).isEmpty();
    }

    @Test
    void namesTheArtifactWhenTheRepositoryHasNone() {
        assertThatThrownBy(() -> binaries(emptyClasspath, server.url()).archive(16))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No PostgreSQL 16 binaries for Linux x86_64")
                .hasMessageContaining(server.url() + "/" + SIXTEEN.repositoryPath() + " has no " + SIXTEEN.coordinates())
                .hasMessageContaining(RemoteRepository.URL_PROPERTY);
    }

    @Test
    void saysWhatToDoWhenTheRepositoryCannotBeReached() {
        URI unreachable = server.url();
        server.close();

        assertThatThrownBy(() -> binaries(emptyClasspath, unreachable).archive(16))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("are not in the local Maven repository (" + new LocalRepository(local).pathOf(SIXTEEN) + ")")
                .hasMessageContaining("Offline? While online, run mvn dependency:get -Dartifact=" + SIXTEEN.coordinates())
                .hasMessageContaining(RemoteRepository.URL_PROPERTY);
    }

    @Test
    void namesTheMajorsAPlatformHasWhenItLacksTheRequestedOne() {
        PostgresBinaries macArm = new PostgresBinaries(Platform.MACOS_ARM_64, versions(), emptyClasspath, new LocalRepository(local),
                Optional.of(new RemoteRepository(server.url())));

        assertThatThrownBy(() -> macArm.archive(11))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("zonky publishes no PostgreSQL 11 binaries for macOS arm64")
                .hasMessageContaining("it starts [16]");
        assertThat(server.requested()).isEmpty();
    }

    @Test
    void withoutARepositoryNamedDownloadsNothingAndSaysHowToFetchTheJar() {
        PostgresBinaries offline = new PostgresBinaries(Platform.LINUX_X86_64, versions(), emptyClasspath, new LocalRepository(local),
                Optional.empty());

        assertThatThrownBy(() -> offline.archive(16))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("are not in the local Maven repository (" + new LocalRepository(local).pathOf(SIXTEEN) + ")")
                .hasMessageContaining("mvn dependency:get -Dartifact=" + SIXTEEN.coordinates())
                .hasMessageContaining(RemoteRepository.URL_PROPERTY);
        assertThat(new LocalRepository(local).pathOf(SIXTEEN)).doesNotExist();
    }

    private PostgresBinaries binaries(ClassLoader classpath, URI remote) {
        return new PostgresBinaries(Platform.LINUX_X86_64, versions(), classpath, new LocalRepository(local),
                Optional.of(new RemoteRepository(remote)));
    }

    private static BinaryVersions versions() {
        Properties table = new Properties();
        table.setProperty("linux-amd64.16", SIXTEEN.version());
        table.setProperty("linux-amd64.17", SEVENTEEN.version());
        table.setProperty("darwin-arm64v8.16", "16.15.0");
        return new BinaryVersions(table);
    }

    private void publish(ZonkyArtifact artifact) throws Exception {
        byte[] jar = FakeZonkyJar.bytes(artifact);
        server.put(artifact.repositoryPath(), jar);
        server.put(artifact.repositoryPath() + ".sha1", RemoteRepositoryTest.sha1(jar).getBytes(StandardCharsets.US_ASCII));
    }
}
