package org.pgmigrate.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;

/** Which zonky version the testkit starts for a platform and major, from its {@code postgres-binaries.properties}. */
public final class BinaryVersions {
    private static final String RESOURCE = "postgres-binaries.properties";

    private final Properties versions;

    BinaryVersions(Properties versions) {
        this.versions = versions;
    }

    /** The table the build filtered into the testkit jar. */
    public static BinaryVersions load() {
        Properties versions = new Properties();
        try (InputStream in = BinaryVersions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE + " beside " + BinaryVersions.class.getName()
                        + ": build the testkit with Maven, which fills in the versions.");
            }
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BinaryVersions(versions);
    }

    /** The zonky version of {@code major} for {@code platform}, if zonky publishes one. */
    public Optional<ZonkyArtifact> artifact(Platform platform, int major) {
        return Optional.ofNullable(versions.getProperty(platform.zonkyName() + "." + major))
                .map(version -> new ZonkyArtifact(platform, version));
    }

    /** The majors {@code platform} has binaries of. */
    public SortedSet<Integer> majors(Platform platform) {
        String prefix = platform.zonkyName() + ".";
        SortedSet<Integer> majors = new TreeSet<>();
        for (String key : versions.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                majors.add(Integer.parseInt(key.substring(prefix.length())));
            }
        }
        return majors;
    }
}
