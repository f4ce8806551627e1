package org.pgmigrate.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings both sides of a comparison read under, so that the server renders values and
 * names the same way whatever the database or role defaults are. Applied transaction-locally and
 * put back afterwards, because the connection may be the caller's.
 */
final class SessionSettings {
    static final Map<String, String> COMPARISON = settings();

    private SessionSettings() {}

    private static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("DateStyle", "ISO, YMD");
        s.put("IntervalStyle", "postgres");
        s.put("TimeZone", "UTC");
        s.put("extra_float_digits", "3");
        s.put("bytea_output", "hex");
        s.put("lc_monetary", "C");
        // Every user object then prints schema-qualified.
        s.put("search_path", "pg_catalog");
        s.put("quote_all_identifiers", "off");
        // Fail instead of silently hiding rows when the reader is subject to row-level security.
        s.put("row_security", "off");
        s.put("statement_timeout", "0");
        return Map.copyOf(s);
    }

    /** Sets the comparison settings and returns the values they replaced. */
    static Map<String, String> apply(Connection connection) throws SQLException {
        Map<String, String> previous = new LinkedHashMap<>();
        try (PreparedStatement show = connection.prepareStatement("SELECT current_setting(?)");
             PreparedStatement set = connection.prepareStatement("SELECT set_config(?, ?, true)")) {
            for (Map.Entry<String, String> setting : COMPARISON.entrySet()) {
                show.setString(1, setting.getKey());
                try (ResultSet rs = show.executeQuery()) {
                    rs.next();
                    previous.put(setting.getKey(), rs.getString(1));
                }
                set.setString(1, setting.getKey());
                set.setString(2, setting.getValue());
                set.executeQuery().close();
            }
        }
        return previous;
    }

    static void restore(Connection connection, Map<String, String> previous) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("SELECT set_config(?, ?, true)")) {
            for (Map.Entry<String, String> setting : previous.entrySet()) {
                set.setString(1, setting.getKey());
                set.setString(2, setting.getValue());
                set.executeQuery().close();
            }
        }
    }
}
