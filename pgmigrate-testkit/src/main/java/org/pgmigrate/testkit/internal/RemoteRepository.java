package org.pgmigrate.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * A remote Maven repository the testkit downloads a zonky jar from, into the local repository as
 * Maven would: to a temporary file beside the target, checked against the published SHA-1, then
 * moved into place in one step, so no reader ever sees a partial or corrupt jar.
 */
public final class RemoteRepository {
    /**
     * System property naming the Maven repository (Maven Central, where zonky publishes, or a mirror
     * of it) to download from; the environment's is {@value #URL_VARIABLE}. Without either the
     * testkit downloads nothing: Maven, configured as the team's builds are, fetches the jars.
     */
    public static final String URL_PROPERTY = "pgmigrate.testkit.repository.url";

    public static final String URL_VARIABLE = "PGMIGRATE_TESTKIT_REPOSITORY_URL";

    private final URI base;

    public RemoteRepository(URI base) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
    }

    /** The repository {@value #URL_PROPERTY} or {@value #URL_VARIABLE} names, if one does. */
    public static Optional<RemoteRepository> ofThisJvm() {
        String url = System.getProperty(URL_PROPERTY, System.getenv().getOrDefault(URL_VARIABLE, "")).strip();
        return url.isEmpty() ? Optional.empty() : Optional.of(new RemoteRepository(URI.create(url)));
    }

    public URI urlOf(ZonkyArtifact artifact) {
        return base.resolve(artifact.repositoryPath());
    }

    /**
     * Downloads {@code artifact} to {@code target}.
     *
     * @throws ArtifactNotFoundException when the repository has no such artifact
     * @throws IOException when the repository cannot be reached or the jar's SHA-1 is not the published one
     */
    public void download(ZonkyArtifact artifact, Path target) throws IOException, InterruptedException {
        // a client per download, created only when one is needed: none (nor its selector thread) is kept
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .proxy(ProxySelector.getDefault())
                .build();
        URI url = urlOf(artifact);
        String expected = expectedSha1(http, url);
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            String actual = fetch(http, url, partial);
            if (!actual.equals(expected)) {
                throw new IOException("SHA-1 of " + url + " is " + actual + ", not the " + expected + " its .sha1 publishes:"
                        + " the download is corrupt or was changed on the way; nothing was kept.");
            }
            Files.writeString(target.resolveSibling(target.getFileName() + ".sha1"), expected);
            // readers see the whole checked jar or none
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static String expectedSha1(HttpClient http, URI jar) throws IOException, InterruptedException {
        URI url = URI.create(jar + ".sha1");
        HttpResponse<String> response = http.send(request(url), HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
        checkStatus(url, response.statusCode());
        // some repositories publish "<hash>  <file name>"
        String sha1 = response.body().strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
        if (!sha1.matches("[0-9a-f]{40}")) {
            throw new IOException(url + " holds no SHA-1: " + response.body());
        }
        return sha1;
    }

    /** Writes the body of {@code url} to {@code file}; returns its SHA-1. */
    private static String fetch(HttpClient http, URI url, Path file) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request(url), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            checkStatus(url, response.statusCode());
            DigestInputStream digesting = new DigestInputStream(body, sha1());
            try (OutputStream out = Files.newOutputStream(file)) {
                digesting.transferTo(out);
            }
            return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
        }
    }

    private static HttpRequest request(URI url) {
        // a whole jar is some 15 MB; the timeout is for the answer to begin
        return HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(2)).GET().build();
    }

    private static void checkStatus(URI url, int status) throws IOException {
        if (status == 404) {
            throw new ArtifactNotFoundException(url);
        }
        if (status != 200) {
            throw new IOException(url + " answered HTTP " + status);
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-1", e);
        }
    }

    /** The repository answered 404: it has no such file. */
    public static final class ArtifactNotFoundException extends IOException {
        ArtifactNotFoundException(URI url) {
            super(url + " answered HTTP 404: no such file");
        }
    }
}
