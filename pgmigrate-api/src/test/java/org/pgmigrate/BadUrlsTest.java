package org.pgmigrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Malformed URLs fail when the endpoint is built, say what to fix, and never print the password in them. */
class BadUrlsTest {
    private static final String SECRET = "s3cr3t";

    @Test
    void eachMistakeGetsAMessageSayingWhatToFix() {
        expectInvalid("postgresql://app:" + SECRET + "@h:0/db", "port");
        expectInvalid("postgresql://app:" + SECRET + "@h:65536/db", "65536");
        expectInvalid("postgresql://app:" + SECRET + "@h:54x2/db", "port");
        expectInvalid("postgresql://app:" + SECRET + "@h:/db", "port");
        expectInvalid("postgresql://app:" + SECRET + "@h:1:2/db", "host");
        expectInvalid("postgresql://app:" + SECRET + "@h,:5/db", "host");
        expectInvalid("jdbc:postgresql://h:99999/db?password=" + SECRET, "port");
        expectInvalid("jdbc:postgresql://app:" + SECRET + "@h/db", "?user=");
        expectInvalid("mysql://app:" + SECRET + "@h/db", "postgresql://");
        expectInvalid("postgresql://app:" + SECRET + "@h/db?sslmode=maybe", "sslmode");
        expectInvalid("postgresql://app:" + SECRET + "@h/db?%zz=1", "percent-encoding");
        expectInvalid("postgresql://app:" + SECRET + "@h/db?password" + SECRET, "name=value");
    }

    @Test
    void anUnencodedSlashInThePasswordIsNotEchoedAsAHostOrPort() {
        // "s3cr/3t" splits the authority at the slash, so the password's first half reads as a port
        expectInvalid("postgresql://app:s3cr/3t@h/db", "port");
    }

    @Test
    void validHostListsAndIpv6Pass() {
        assertThat(Endpoint.of("postgresql://a@h1:5432,h2:5433/db").jdbcUrl()).isEqualTo("jdbc:postgresql://h1:5432,h2:5433/db");
        assertThat(Endpoint.of("postgresql://a@[::1]:5432/db").jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/db");
        assertThat(Endpoint.of("jdbc:postgresql://[::1]/db").jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]/db");
    }

    private static void expectInvalid(String url, String hint) {
        assertThatThrownBy(() -> Endpoint.of(url)).as(url)
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageContaining(hint)
                .hasMessageNotContaining(SECRET).hasMessageNotContaining("s3cr").hasMessageNotContaining("3t@");
    }
}
