package org.pgmigrate.testkit.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;

@ExtendWith(PostgresExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresExtensionIT {
    private static String databaseOfFirstTest;
    private static int portOfFirstTest;

    @Test
    @Order(1)
    void injectsAFreshDatabaseOnTheChosenServer(@Pg(14) PostgresServer server, @Pg(14) TestDatabase db,
                                                @Pg(14) TestDatabase other) {
        assertThat(db.server()).isSameAs(server);
        assertThat(other.server()).isSameAs(server);
        assertThat(db.name()).isNotEqualTo(other.name());
        assertThat(server.versionNumber() / 10000).isEqualTo(14);
        assertThat(db.queryValue("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")).isEqualTo("0");
        databaseOfFirstTest = db.name();
        portOfFirstTest = server.port();
    }

    @Test
    @Order(2)
    void dropsTheDatabaseAfterTheTestAndKeepsTheServer(@Pg(14) PostgresServer server) throws SQLException {
        assertThat(server.port()).isEqualTo(portOfFirstTest);
        assertThat(databaseOfFirstTest).isNotNull();
        try (Connection c = server.connect("postgres");
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
            s.setString(1, databaseOfFirstTest);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void separatesInstancesAndAppliesSettings(@Pg(value = 14, instance = "other", settings = "wal_level=logical") TestDatabase logical,
                                              @Pg(14) PostgresServer plain) {
        assertThat(logical.server().port()).isNotEqualTo(plain.port());
        assertThat(logical.queryValue("SHOW wal_level")).isEqualTo("logical");
    }

    @Test
    void loadsTheSampleWhenAsked(@Pg(value = 14, sample = true) TestDatabase db) {
        assertThat(db.queryValue("SELECT count(*) FROM shop.customers")).isEqualTo("600");
    }

    @Test
    void givesTheDefaultsWithoutAnnotation(TestDatabase db) {
        assertThat(db.server().major()).isEqualTo(Pg.DEFAULT_MAJOR);
    }
}
