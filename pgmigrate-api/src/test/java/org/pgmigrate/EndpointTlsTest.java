package org.pgmigrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** TLS settings reach pgjdbc's properties; the key's password is a secret like the password. */
class EndpointTlsTest {
    @Test
    void libpqTlsParametersBecomePgjdbcProperties() {
        Endpoint e = Endpoint.of("postgresql://app@h/db?sslmode=verify-full&sslrootcert=/r.crt&sslcert=/c.crt&sslkey=/c.key&sslpassword=k3y-pw");
        assertThat(e.connectionProperties())
                .containsEntry("sslmode", "verify-full").containsEntry("sslrootcert", "/r.crt")
                .containsEntry("sslcert", "/c.crt").containsEntry("sslkey", "/c.key").containsEntry("sslpassword", "k3y-pw");
        assertThat(e.properties()).doesNotContainKey("sslpassword");
        assertThat(e.toString()).doesNotContain("k3y-pw");
    }

    @Test
    void builderMethodsSetTheSameProperties() {
        Endpoint e = Endpoint.builder("postgresql://app@h/db").sslMode(SslMode.VERIFY_CA).sslRootCert(Path.of("/r.crt"))
                .sslCert(Path.of("/c.crt")).sslKey(Path.of("/c.key")).sslPassword("k3y-pw").build();
        assertThat(e.connectionProperties()).containsEntry("sslmode", "verify-ca").containsEntry("sslrootcert", "/r.crt")
                .containsEntry("sslcert", "/c.crt").containsEntry("sslkey", "/c.key").containsEntry("sslpassword", "k3y-pw");
    }

    @Test
    void sslPasswordLeavesAJdbcUrl() {
        Endpoint e = Endpoint.of("jdbc:postgresql://h/db?sslmode=require&sslpassword=k3y-pw&sslkey=/c.key");
        assertThat(e.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?sslmode=require&sslkey=/c.key");
        assertThat(e.sslPassword()).contains("k3y-pw");
        assertThat(e.toString()).doesNotContain("k3y-pw");
    }

    @Test
    void unknownSslModeListsTheAcceptedOnes() {
        for (String url : new String[] {"postgresql://h/db?sslmode=verify_full", "jdbc:postgresql://h/db?sslmode=on"}) {
            assertThatThrownBy(() -> Endpoint.of(url)).as(url)
                    .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                    .hasMessageContaining("sslmode").hasMessageContaining("verify-ca, verify-full");
        }
        assertThatThrownBy(() -> Endpoint.builder("postgresql://h/db").putProperties("sslmode", "strict").build())
                .hasMessageContaining("'strict'");
        assertThat(SslMode.of("VERIFY-FULL")).isEqualTo(SslMode.VERIFY_FULL);
    }

    @Test
    void secretsCannotHideAmongTheProperties() {
        for (String name : new String[] {"password", "sslpassword", "user", "Password"}) {
            assertThatThrownBy(() -> Endpoint.builder("postgresql://h/db").putProperties(name, "x").build()).as(name)
                    .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                    .hasMessageNotContaining("x'");
        }
    }

    @Test
    void redactMasksBothSecrets() {
        Endpoint e = Endpoint.builder("postgresql://app:pw-1@h/db").sslPassword("key-2").build();
        assertThat(e.redact("failed with pw-1 and key-2")).isEqualTo("failed with ******** and ********");
        assertThat(e.redact(null)).isEqualTo("no detail given");
    }
}
