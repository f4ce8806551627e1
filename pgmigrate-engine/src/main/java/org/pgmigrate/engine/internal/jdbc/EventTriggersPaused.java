package org.pgmigrate.engine.internal.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the tool's own DDL on the target (removing its journal or control table) in one
 * transaction with the database's event triggers disabled, and enabled again as they were before
 * it commits: the user's event triggers, migrated last, must neither fire on nor block it. Other
 * sessions never see them disabled. Event triggers the user may not alter (a provider's) stay as
 * they are.
 */
public final class EventTriggersPaused {
    /** The DDL to run. */
    @FunctionalInterface
    public interface Work {
        void run(Statement statement) throws SQLException;
    }

    private EventTriggersPaused() {}

    public static void run(Connection connection, Work work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            Map<String, String> enabled = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT pg_catalog.quote_ident(evtname), evtenabled FROM pg_catalog.pg_event_trigger"
                    + " WHERE evtenabled <> 'D' AND pg_catalog.pg_has_role(evtowner, 'USAGE')")) {
                while (rs.next()) {
                    enabled.put(rs.getString(1), rs.getString(2));
                }
            }
            // ALTER EVENT TRIGGER itself fires no event trigger
            for (String name : enabled.keySet()) {
                s.execute("ALTER EVENT TRIGGER " + name + " DISABLE");
            }
            work.run(s);
            for (Map.Entry<String, String> e : enabled.entrySet()) {
                String mode = switch (e.getValue()) {
                    case "R" -> " ENABLE REPLICA";
                    case "A" -> " ENABLE ALWAYS";
                    default -> " ENABLE";
                };
                s.execute("ALTER EVENT TRIGGER " + e.getKey() + mode);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
