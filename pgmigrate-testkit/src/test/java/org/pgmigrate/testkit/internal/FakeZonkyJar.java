package org.pgmigrate.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A jar laid out as zonky's, whose archive holds the text {@code "binaries of <coordinates>"}. */
final class FakeZonkyJar {
    private FakeZonkyJar() {}

    static String archiveText(ZonkyArtifact artifact) {
        return "binaries of " + artifact.coordinates();
    }

    static byte[] bytes(ZonkyArtifact artifact) {
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(jar)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.US_ASCII));
            zip.putNextEntry(new ZipEntry(artifact.platform().archive()));
            zip.write(archiveText(artifact).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar.toByteArray();
    }

    /** Writes the jar into {@code dir} under Maven's file name for it. */
    static Path write(Path dir, ZonkyArtifact artifact) throws IOException {
        Files.createDirectories(dir);
        return Files.write(dir.resolve(artifact.fileName()), bytes(artifact));
    }

    static String read(BinaryArchive archive) throws IOException {
        try (var in = archive.getPgBinary("Linux", "x86_64")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
