package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationOption;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.SslMode;
import org.pgmigrate.engine.internal.jdbc.Connector;
import org.pgmigrate.engine.internal.jdbc.Side;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.ServerProvider;
import org.pgmigrate.testkit.TestCertificates;
import org.pgmigrate.testkit.TestDatabase;

/**
 * TLS settings reach every connection: a server with ssl=on where the role {@value #ROLE} may
 * only connect over TLS, so that any connection made without it fails, and where
 * {@value #CERT_ROLE} authenticates with a client certificate instead of a password.
 */
class TlsIT {
    private static final String ROLE = "tls_only";
    private static final String CERT_ROLE = "cert_user";
    private static final String PASSWORD = "tls-password";

    private static Path dir;
    private static TestCertificates certificates;
    private static PostgresServer server;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("pgmigrate-tls");
        certificates = TestCertificates.create(dir, CERT_ROLE);
        server = PostgresServer.builder(17).tls(certificates)
                .hbaRule("hostnossl all " + ROLE + " 127.0.0.1/32 reject")
                .hbaRule("hostnossl all " + ROLE + " ::1/128 reject")
                .hbaRule("hostssl all " + CERT_ROLE + " 127.0.0.1/32 cert")
                .hbaRule("hostssl all " + CERT_ROLE + " ::1/128 cert")
                .start();
        server.execute("postgres", "CREATE ROLE " + ROLE + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "'");
        server.execute("postgres", "CREATE ROLE " + CERT_ROLE + " LOGIN SUPERUSER");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theTestcontainersProviderRefusesTls() {
        PostgresServer.Builder container = PostgresServer.builder(17).tls(certificates).provider(ServerProvider.TESTCONTAINERS);
        assertThatThrownBy(container::start).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageStartingWith("PostgresServer tls(...) needs the embedded provider, and the testcontainers provider cannot give it");
    }

    private static Endpoint.Builder endpoint(String host, String database) {
        return Endpoint.builder("postgresql://" + ROLE + "@" + host + ":" + server.port() + "/" + database).password(PASSWORD);
    }

    private static boolean usesTls(Endpoint endpoint) throws SQLException {
        try (Connection c = new Connector(endpoint, Side.SOURCE).open(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Test
    void requireConnectsOverTls() throws Exception {
        assertThat(usesTls(Endpoint.of("postgresql://" + ROLE + "@localhost:" + server.port() + "/postgres?sslmode=require", PASSWORD))).isTrue();
        assertThat(usesTls(endpoint("127.0.0.1", "postgres").sslMode(SslMode.REQUIRE).build())).isTrue();
    }

    @Test
    void disableIsRefusedByAServerThatDemandsTls() {
        assertThatThrownBy(() -> usesTls(endpoint("localhost", "postgres").sslMode(SslMode.DISABLE).build()))
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION_FAILED))
                .hasMessageContaining("no encryption");
    }

    @Test
    void verifyFullWithTheRightRootCertificateConnects() throws Exception {
        String url = "postgresql://" + ROLE + "@localhost:" + server.port() + "/postgres?sslmode=verify-full&sslrootcert="
                + certificates.caCertificate();
        assertThat(usesTls(Endpoint.of(url, PASSWORD))).isTrue();
        assertThat(usesTls(endpoint("127.0.0.1", "postgres").sslMode(SslMode.VERIFY_CA).sslRootCert(certificates.caCertificate()).build()))
                .as("verify-ca does not check the host name").isTrue();
    }

    @Test
    void verifyFullRefusesAnotherHostNameWithAClearError() {
        Endpoint wrongHost = endpoint("127.0.0.1", "postgres").sslMode(SslMode.VERIFY_FULL).sslRootCert(certificates.caCertificate()).build();
        assertThatThrownBy(() -> usesTls(wrongHost))
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION_FAILED))
                .hasMessageContaining("TLS").hasMessageContaining("127.0.0.1").hasMessageContaining("certificate")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void verifyFullRefusesAServerSignedByAnotherCa() {
        Endpoint wrongCa = endpoint("localhost", "postgres").sslMode(SslMode.VERIFY_FULL).sslRootCert(certificates.otherCaCertificate()).build();
        assertThatThrownBy(() -> usesTls(wrongCa))
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION_FAILED))
                .hasMessageContaining("TLS").hasMessageContaining("sslrootcert").hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aClientCertificateAuthenticatesWithoutPassword() throws Exception {
        Endpoint cert = Endpoint.builder("postgresql://" + CERT_ROLE + "@localhost:" + server.port() + "/postgres")
                .sslMode(SslMode.VERIFY_FULL).sslRootCert(certificates.caCertificate())
                .sslCert(certificates.clientCertificate()).sslKey(certificates.clientKey()).build();
        assertThat(usesTls(cert)).isTrue();
        Endpoint noCert = Endpoint.builder("postgresql://" + CERT_ROLE + "@localhost:" + server.port() + "/postgres")
                .sslMode(SslMode.REQUIRE).sslCert(dir.resolve("none.crt")).sslKey(dir.resolve("none.pk8")).build();
        assertThatThrownBy(() -> usesTls(noCert)).isInstanceOf(PgMigrateException.class);
    }

    @Test
    void aWholeValidatedMigrationRunsOverVerifiedTls() {
        try (TestDatabase source = server.createDatabase(); TestDatabase target = server.createDatabase()) {
            source.execute("CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, 2000) g");
            Endpoint from = endpoint("localhost", source.name()).sslMode(SslMode.VERIFY_FULL).sslRootCert(certificates.caCertificate()).build();
            Endpoint to = Endpoint.of("postgresql://" + ROLE + ":" + PASSWORD + "@localhost:" + server.port() + "/" + target.name()
                    + "?sslmode=verify-full&sslrootcert=" + certificates.caCertificate());

            // every session (validation, snapshot, workers, verification) would be rejected without TLS
            Migration.from(from).to(to).jobs(3).option(MigrationOption.VALIDATE_AND_MIGRATE).execute();

            assertThatDatabase(target).isEquivalentTo(source);
        }
    }
}
