package org.pgmigrate.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.engine.internal.journal.Journal;
import org.pgmigrate.engine.internal.journal.TaskRunner;
import org.pgmigrate.engine.internal.schema.SchemaObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs an object's statements on the target and names the object when one fails. */
public final class StatementRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StatementRunner.class);

    private StatementRunner() {}

    /** The work of a journaled task that creates {@code objects}, in order, in its transaction. */
    public static TaskRunner.Work creating(List<SchemaObject> objects) {
        return session -> {
            objects.forEach(o -> run(session.target(), o));
            return Journal.Outcome.NONE;
        };
    }

    public static void run(Connection target, SchemaObject object) {
        try (Statement s = target.createStatement()) {
            for (String sql : object.statements()) {
                // a user mapping's options may hold a password
                String shown = object.carriesSecrets() ? "(not shown: it may hold a password)" : sql;
                LOG.debug("{}", shown);
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Creating " + object.kind() + " " + object.name()
                            + " on the target failed: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")\nStatement: " + shown, e);
                }
            }
        } catch (SQLException e) {
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Target connection failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code sql} and returns null, or the reason it was refused for lack of privilege (which
     * the caller reports); other failures are thrown like {@link #run(Connection, String, String)}.
     */
    static String runIfPermitted(Connection target, String what, String sql) {
        try (Statement s = target.createStatement()) {
            LOG.debug("{}", sql);
            s.execute(sql);
            return null;
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                return what + ": " + e.getMessage();
            }
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, what + " on the target failed: " + e.getMessage()
                    + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    public static void run(Connection target, String what, String sql) {
        try (Statement s = target.createStatement()) {
            LOG.debug("{}", sql);
            s.execute(sql);
        } catch (SQLException e) {
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, what + " on the target failed: " + e.getMessage()
                    + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }
}
