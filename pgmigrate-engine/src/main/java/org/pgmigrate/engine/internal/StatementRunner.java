package org.pgmigrate.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
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

    /** The work of a journaled task that creates {@code objects}, in order, in its transaction, sent together. */
    public static TaskRunner.Work creating(List<SchemaObject> objects) {
        return session -> {
            Together together = new Together();
            objects.forEach(together::add);
            together.run(session.target());
            return Journal.Outcome.NONE;
        };
    }

    /**
     * Statements sent to the server in one round trip: thousands of small tables and indexes
     * otherwise cost a round trip each, a fraction of a millisecond that a busy machine's
     * scheduling makes as long as the statement itself. Only inside a transaction, from a
     * savepoint: where one fails, they are all run again one by one from there, so that the
     * error names the object and statement as when run alone.
     */
    public static final class Together {
        private static final String SAVEPOINT = "pgmigrate_together";
        /** Statements that return rows, which a batch refuses: run alone. */
        private static final Pattern RETURNS_ROWS = Pattern.compile("\\s*(SELECT|WITH|VALUES|TABLE|SHOW)\\b", Pattern.CASE_INSENSITIVE);

        private final List<String> statements = new ArrayList<>();
        private final List<Consumer<Connection>> alone = new ArrayList<>();
        private boolean secrets;

        /** Adds the statements that create {@code object}. */
        public Together add(SchemaObject object) {
            statements.addAll(object.statements());
            secrets |= object.carriesSecrets();
            alone.add(c -> StatementRunner.run(c, object));
            return this;
        }

        /** Adds {@code sql}, which does {@code what} (as {@link StatementRunner#run(Connection, String, String)} says it). */
        public Together add(String what, String sql) {
            statements.add(sql);
            alone.add(c -> StatementRunner.run(c, what, sql));
            return this;
        }

        public void run(Connection target) {
            if (statements.size() < 2 || statements.stream().anyMatch(sql -> RETURNS_ROWS.matcher(sql).lookingAt()) || autoCommit(target)) {
                alone.forEach(a -> a.accept(target));
                return;
            }
            try (Statement s = target.createStatement()) {
                s.addBatch("SAVEPOINT " + SAVEPOINT);
                for (String sql : statements) {
                    LOG.debug("{}", secrets ? "(not shown: it may hold a password)" : sql);
                    s.addBatch(sql);
                }
                s.addBatch("RELEASE SAVEPOINT " + SAVEPOINT);
                s.executeBatch();
            } catch (SQLException e) {
                LOG.debug("Statements sent together failed, running them one by one: {}", e.getMessage());
                try (Statement s = target.createStatement()) {
                    s.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT);
                    s.execute("RELEASE SAVEPOINT " + SAVEPOINT);
                } catch (SQLException lost) {
                    throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Target connection failed: " + e.getMessage(), e);
                }
                // the one that fails alone throws what it says; if none does (a deadlock, say), they are done
                alone.forEach(a -> a.accept(target));
            }
        }

        private static boolean autoCommit(Connection target) {
            try {
                return target.getAutoCommit();
            } catch (SQLException e) {
                throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Target connection failed: " + e.getMessage(), e);
            }
        }
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
