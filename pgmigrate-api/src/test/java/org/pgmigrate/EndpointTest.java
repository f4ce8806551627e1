package org.pgmigrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class EndpointTest {
    @Test
    void libpqUriBecomesJdbcUrlWithCredentialsKeptApart() {
        Endpoint e = Endpoint.of("postgresql://app:s3cret@db.example.com:6432/shop?sslmode=require&application_name=x");
        assertThat(e.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6432/shop");
        assertThat(e.user()).contains("app");
        assertThat(e.password()).contains("s3cret");
        assertThat(e.properties()).containsEntry("sslmode", "require").containsEntry("ApplicationName", "x");
        assertThat(e.toString()).doesNotContain("s3cret").contains("db.example.com");
    }

    @Test
    void libpqUriWithoutHostOrDatabaseUsesDefaults() {
        Endpoint e = Endpoint.of("postgres://");
        assertThat(e.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/");
        assertThat(e.user()).isEmpty();
    }

    @Test
    void jdbcUrlLosesItsPasswordParameter() {
        Endpoint e = Endpoint.of("jdbc:postgresql://h:5432/db?user=u&password=p%40ss&ssl=true");
        assertThat(e.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?ssl=true");
        assertThat(e.user()).contains("u");
        assertThat(e.password()).contains("p@ss");
        assertThat(e.toString()).doesNotContain("p@ss");
    }

    @Test
    void severalHostsConnectToThePrimaryUnlessTheUrlSaysOtherwise() {
        Endpoint libpq = Endpoint.of("postgresql://app:pw@db1:5432,db2:5433/shop");
        assertThat(libpq.jdbcUrl()).isEqualTo("jdbc:postgresql://db1:5432,db2:5433/shop");
        assertThat(libpq.connectionProperties().getProperty("targetServerType")).isEqualTo("primary");
        Endpoint jdbc = Endpoint.of("jdbc:postgresql://db1,db2/shop?user=app");
        assertThat(jdbc.connectionProperties().getProperty("targetServerType")).isEqualTo("primary");
        assertThat(Endpoint.of("postgresql://db1,db2/shop?target_session_attrs=any").connectionProperties()
                .getProperty("targetServerType")).isEqualTo("any");
        assertThat(Endpoint.of("postgresql://db1/shop").connectionProperties()).doesNotContainKey("targetServerType");
    }

    @Test
    void libpqTargetSessionAttrsBecomePgjdbcTargetServerTypes() {
        for (String[] pair : new String[][] {{"read-write", "primary"}, {"primary", "primary"}, {"read-only", "secondary"},
                {"standby", "secondary"}, {"prefer-standby", "preferSecondary"}, {"any", "any"}}) {
            assertThat(Endpoint.of("postgresql://h1,h2/db?target_session_attrs=" + pair[0]).properties())
                    .as(pair[0]).containsEntry("targetServerType", pair[1]);
        }
        assertThatThrownBy(() -> Endpoint.of("postgresql://h1,h2/db?target_session_attrs=writable"))
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.getMessage())
                        .contains("target_session_attrs 'writable'", "read-write"));
    }

    @Test
    void explicitPasswordWinsOverNone() {
        Endpoint e = Endpoint.of("postgresql://app@h/db", "pw");
        assertThat(e.password()).contains("pw");
        assertThat(e.toString()).doesNotContain("pw@").doesNotContain(":pw");
    }

    @Test
    void withDatabaseReplacesOnlyTheDatabase() {
        Endpoint e = Endpoint.of("postgresql://app:pw@h:1/old?sslmode=disable").withDatabase("new db");
        assertThat(e.jdbcUrl()).isEqualTo("jdbc:postgresql://h:1/new%20db");
        assertThat(e.password()).contains("pw");
    }

    @Test
    void badUrlsAreInvalidRequests() {
        for (String bad : new String[] {"", "mysql://x/y", "http://h/db", "postgresql://h/db?novalue"}) {
            assertThatThrownBy(() -> Endpoint.of(bad)).as(bad)
                    .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
        }
    }

    @Property
    void anyPasswordSurvivesPercentEncodingAndNeverPrints(@ForAll @StringLength(min = 0, max = 30) String generated) {
        String password = "\u02ac" + generated; // a marker no URL part contains, so any leak is visible
        String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20"); // URIs keep + literal
        Endpoint e = Endpoint.of("postgresql://app:" + encoded + "@host:5432/db");
        assertThat(e.password()).contains(password);
        assertThat(e.toString()).doesNotContain(encoded).doesNotContain("\u02ac");
    }

    @Property
    void anyDatabaseNameRoundTrips(@ForAll @StringLength(min = 1, max = 30) String database) {
        Endpoint e = Endpoint.of("postgresql://app@host/" + URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20"));
        String path = e.jdbcUrl().substring("jdbc:postgresql://host/".length());
        assertThat(java.net.URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8)).isEqualTo(database);
    }
}
