package org.pgmigrate.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteRepositoryTest {
    private static final ZonkyArtifact ARTIFACT = new ZonkyArtifact(Platform.LINUX_X86_64, "16.8.0");

    @TempDir
    Path local;

    private final FakeRepository server = new FakeRepository();

    RemoteRepositoryTest() throws IOException {}

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void downloadsTheJarCheckedAgainstItsSha1() throws Exception {
        byte[] jar = FakeZonkyJar.bytes(ARTIFACT);
        server.put(ARTIFACT.repositoryPath(), jar);
        server.put(ARTIFACT.repositoryPath() + ".sha1", (sha1(jar) + "  " + ARTIFACT.fileName() + "\n").getBytes(StandardCharsets.US_ASCII));
        Path target = new LocalRepository(local).pathOf(ARTIFACT);

        new RemoteRepository(server.url()).download(ARTIFACT, target);

        assertThat(target).hasBinaryContent(jar);
        assertThat(target.resolveSibling(ARTIFACT.fileName() + ".sha1")).hasContent(sha1(jar));
        assertThat(filesIn(target.getParent())).containsExactlyInAnyOrder(ARTIFACT.fileName(), ARTIFACT.fileName() + ".sha1");
    }

    @Test
    void keepsNothingWhenTheSha1IsNotThePublishedOne() throws Exception {
        byte[] jar = FakeZonkyJar.bytes(ARTIFACT);
        server.put(ARTIFACT.repositoryPath(), jar);
        server.put(ARTIFACT.repositoryPath() + ".sha1", sha1("another jar".getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII));
        Path target = new LocalRepository(local).pathOf(ARTIFACT);

        assertThatThrownBy(() -> new RemoteRepository(server.url()).download(ARTIFACT, target))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("SHA-1 of " + server.url() + "/" + ARTIFACT.repositoryPath() + " is " + sha1(jar));
        assertThat(filesIn(target.getParent())).isEmpty();
    }

    @Test
    void saysWhenTheRepositoryHasNoSuchArtifact() {
        Path target = new LocalRepository(local).pathOf(ARTIFACT);

        assertThatThrownBy(() -> new RemoteRepository(server.url()).download(ARTIFACT, target))
                .isInstanceOf(RemoteRepository.ArtifactNotFoundException.class)
                .hasMessageContaining(ARTIFACT.repositoryPath() + ".sha1 answered HTTP 404");
        assertThat(target).doesNotExist();
    }

    static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    private static Stream<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList().stream();
        }
    }
}
