package org.pgmigrate.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority with a server certificate for {@code localhost} and a client
 * certificate, made with the JDK's {@code keytool} (no OpenSSL needed), as PEM files PostgreSQL
 * and pgjdbc read. Valid for two days; for tests only.
 */
public final class TestCertificates {
    private static final String STORE_PASSWORD = "testkit";

    private final Path dir;
    private final String clientUser;

    private TestCertificates(Path dir, String clientUser) {
        this.dir = dir;
        this.clientUser = clientUser;
    }

    /**
     * Creates the files in {@code dir}: a CA, a server certificate naming {@code localhost} (and
     * not {@code 127.0.0.1}, so that verify-full against the address fails) and a client
     * certificate for the role {@code clientUser}.
     */
    public static TestCertificates create(Path dir, String clientUser) {
        TestCertificates c = new TestCertificates(dir, clientUser);
        c.keyPair("ca", "CN=pgmigrate testkit CA", "-ext", "bc:c");
        c.keytool("-exportcert", "-rfc", "-keystore", c.store("ca"), "-alias", "ca", "-file", c.caCertificate().toString());
        c.signed("server", "CN=localhost", "SAN=dns:localhost");
        c.signed("client", "CN=" + clientUser, null);
        c.writeKey("server", c.serverKey(), true);
        c.writeKey("client", c.clientKey(), false);
        return c;
    }

    /** Another CA's certificate, which signed none of these: a server checked against it must be refused. */
    public Path otherCaCertificate() {
        Path file = dir.resolve("other-ca.crt");
        if (!Files.exists(file)) {
            keyPair("other-ca", "CN=some other CA", "-ext", "bc:c");
            keytool("-exportcert", "-rfc", "-keystore", store("other-ca"), "-alias", "other-ca", "-file", file.toString());
        }
        return file;
    }

    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    public Path serverCertificate() {
        return dir.resolve("server.crt");
    }

    /** PKCS#8 PEM, mode 600 as PostgreSQL demands. */
    public Path serverKey() {
        return dir.resolve("server.key");
    }

    public Path clientCertificate() {
        return dir.resolve("client.crt");
    }

    /** PKCS#8 DER ({@code .pk8}), the form every pgjdbc version reads. */
    public Path clientKey() {
        return dir.resolve("client.pk8");
    }

    /** The role the client certificate names. */
    public String clientUser() {
        return clientUser;
    }

    private void keyPair(String alias, String dname, String... extra) {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-keystore", store(alias), "-storetype", "PKCS12",
                "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-dname", dname, "-validity", "2"));
        args.addAll(List.of(extra));
        keytool(args.toArray(String[]::new));
    }

    private void signed(String alias, String dname, String subjectAltName) {
        keyPair(alias, dname);
        String request = dir.resolve(alias + ".csr").toString();
        keytool("-certreq", "-keystore", store(alias), "-alias", alias, "-file", request);
        List<String> args = new ArrayList<>(List.of("-gencert", "-rfc", "-keystore", store("ca"), "-alias", "ca",
                "-infile", request, "-outfile", dir.resolve(alias + ".crt").toString(), "-validity", "2"));
        if (subjectAltName != null) {
            args.addAll(List.of("-ext", subjectAltName));
        }
        keytool(args.toArray(String[]::new));
    }

    private void writeKey(String alias, Path file, boolean pem) {
        try (InputStream in = Files.newInputStream(Path.of(store(alias)))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, STORE_PASSWORD.toCharArray());
            byte[] pkcs8 = ((PrivateKey) store.getKey(alias, STORE_PASSWORD.toCharArray())).getEncoded();
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            if (pem) {
                String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8);
                Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n");
            } else {
                Files.write(file, pkcs8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the key of " + alias, e);
        }
    }

    private String store(String alias) {
        return dir.resolve(alias + ".p12").toString();
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", STORE_PASSWORD, "-noprompt")); // a PKCS12 key shares the store's password
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running keytool", e);
        }
    }
}
