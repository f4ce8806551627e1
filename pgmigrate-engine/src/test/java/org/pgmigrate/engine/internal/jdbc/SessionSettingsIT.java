package org.pgmigrate.engine.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** The engine's sessions, on either side, run with the settings its reads and digests rely on. */
@ExtendWith(PostgresExtension.class)
class SessionSettingsIT {
    private static final String SETTINGS = "SELECT pg_catalog.concat_ws('|', current_setting('jit'), current_setting('search_path'),"
            + " current_setting('TimeZone'), current_setting('extra_float_digits'), current_setting('statement_timeout'))";

    private static String settings(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SETTINGS)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void bothSidesRunWithoutJitAndWithTheEnginesFormats(@Pg(instance = "source") TestDatabase source) throws SQLException {
        // the server's default, which the engine's sessions must not keep: it compiles catalog queries for longer than they run
        assertThat(source.queryValue("SELECT current_setting('jit')")).isEqualTo("on");
        for (Side side : Side.values()) {
            try (Connection c = new Connector(source.endpoint(), side).open()) {
                assertThat(settings(c)).as(side.toString()).isEqualTo("off|\"\"|UTC|3|0");
            }
        }
    }
}
