package org.pgmigrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passwords given other than in the URL: a file, an environment variable, a .pgpass-format file. */
class EndpointPasswordSourcesTest {
    /** Set by the surefire configuration of this module. */
    private static final String VARIABLE = "PGMIGRATE_TEST_PASSWORD";

    @TempDir
    Path dir;

    @Test
    void passwordFileLosesOnlyItsTrailingLineBreak() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), " p:w \\ \n");
        Path crlf = Files.writeString(dir.resolve("pw2"), "secret\r\n");

        assertThat(Endpoint.builder("postgresql://app@h/db").passwordFromFile(file).build().password()).contains(" p:w \\ ");
        assertThat(Endpoint.builder("postgresql://app@h/db").passwordFromFile(crlf).build().password()).contains("secret");
    }

    @Test
    void unreadablePasswordFileNamesThePathButNotTheContent() throws Exception {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> Endpoint.builder("postgresql://app@h/db").passwordFromFile(missing))
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> Endpoint.builder("postgresql://app@h/db").passwordFromFile(dir))
                .hasMessageContaining(dir.toString());
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> Endpoint.builder("postgresql://app@h/db").passwordFromFile(empty))
                .hasMessageContaining("is empty");
        // not UTF-8: the decoder's complaint must not quote the bytes
        Path binary = Files.write(dir.resolve("bin"), new byte[] {'s', 'e', 'c', (byte) 0xff, 'r', 'e', 't'});
        assertThatThrownBy(() -> Endpoint.builder("postgresql://app@h/db").passwordFromFile(binary))
                .hasMessageContaining(binary.toString()).hasMessageNotContaining("sec");
    }

    @Test
    void passwordFromEnvironmentVariable() {
        assertThat(System.getenv(VARIABLE)).as("surefire sets " + VARIABLE).isNotNull();
        Endpoint e = Endpoint.builder("postgresql://app@h/db").passwordFromEnvironment(VARIABLE).build();
        assertThat(e.password()).contains(System.getenv(VARIABLE));
        assertThat(e.toString()).doesNotContain(System.getenv(VARIABLE));
    }

    @Test
    void missingEnvironmentVariableIsNamed() {
        assertThatThrownBy(() -> Endpoint.builder("postgresql://app@h/db").passwordFromEnvironment("PGMIGRATE_NO_SUCH_VARIABLE_42"))
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageContaining("PGMIGRATE_NO_SUCH_VARIABLE_42");
    }

    @Test
    void passFileIsConsultedOnlyWhenNoPasswordIsGiven() throws Exception {
        Path pgpass = Files.writeString(dir.resolve("pgpass"), String.join("\n",
                "# comment:*:*:*:never",
                "other:5432:shop:app:wrong-host",
                "db.example.com:6432:shop:app:right\\:one",
                "*:*:*:*:fallback", ""));

        Endpoint e = Endpoint.builder("postgresql://app@db.example.com:6432/shop").passFile(pgpass).build();
        assertThat(e.password()).isEmpty();
        assertThat(e.connectionPassword()).contains("right:one");
        assertThat(e.connectionProperties().getProperty("password")).isEqualTo("right:one");
        assertThat(e.withDatabase("other").connectionPassword()).contains("fallback");
        assertThat(Endpoint.builder("postgresql://app:given@db.example.com:6432/shop").passFile(pgpass).build().connectionPassword())
                .contains("given");
        assertThat(Endpoint.of("postgresql://app@h/db?passfile=" + pgpass).connectionPassword()).contains("fallback");
        assertThat(Endpoint.builder("postgresql://app@h/db").build().connectionPassword()).isEmpty();
    }

    @Test
    void aPasswordFromThePassFileIsMaskedToo() throws Exception {
        Path pgpass = Files.writeString(dir.resolve("pgpass"), "*:*:*:app:from-pass-file\n");
        Endpoint e = Endpoint.builder("postgresql://app@h/db").passFile(pgpass).build();
        assertThat(e.redact("driver said from-pass-file")).isEqualTo("driver said ********");
        assertThat(Endpoint.builder("postgresql://app@h/db").passFile(dir.resolve("gone")).build().redact("text")).isEqualTo("text");
    }

    @Test
    void unreadablePassFileIsAClearErrorWhenConnecting() {
        Path missing = dir.resolve("nope");
        Endpoint e = Endpoint.builder("postgresql://app@h/db").passFile(missing).build();
        assertThatThrownBy(e::connectionPassword)
                .isInstanceOfSatisfying(PgMigrateException.class, x -> assertThat(x.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageContaining(missing.toString());
    }
}
