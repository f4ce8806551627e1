package org.pgmigrate.testkit.internal;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Path;

/**
 * One major's {@code .txz} inside a zonky jar, handed to zonky's launcher. A value: zonky keeps
 * the binaries it extracted per resolver, so equal archives are hashed and extracted once per JVM.
 */
public record BinaryArchive(URI uri) implements PgBinaryResolver {

    /** The archive of {@code platform} inside the jar at {@code jar}. */
    static BinaryArchive inJar(Path jar, Platform platform) {
        return new BinaryArchive(URI.create("jar:" + jar.toUri() + "!/" + platform.archive()));
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        URLConnection connection = uri.toURL().openConnection();
        // no cached JarFile: closing the stream closes the jar
        connection.setUseCaches(false);
        return connection.getInputStream();
    }
}
