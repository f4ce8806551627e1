package org.pgmigrate.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.engine.internal.schema.SchemaObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs an object's statements on the target and names the object when one fails. */
final class StatementRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StatementRunner.class);

    private StatementRunner() {}

    static void run(Connection target, SchemaObject object) {
        try (Statement s = target.createStatement()) {
            for (String sql : object.statements()) {
                LOG.debug("{}", sql);
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Creating " + object.kind() + " " + object.name()
                            + " on the target failed: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")\nStatement: " + sql, e);
                }
            }
        } catch (SQLException e) {
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Target connection failed: " + e.getMessage(), e);
        }
    }

    static void run(Connection target, String what, String sql) {
        try (Statement s = target.createStatement()) {
            LOG.debug("{}", sql);
            s.execute(sql);
        } catch (SQLException e) {
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, what + " on the target failed: " + e.getMessage()
                    + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }
}
