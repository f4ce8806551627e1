package org.pgmigrate.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.engine.internal.schema.ObjectRef;
import org.pgmigrate.engine.internal.schema.SchemaObject;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** Statements sent together: applied in order, and a failure named as when they run one by one. */
@ExtendWith(PostgresExtension.class)
class StatementRunnerIT {
    private static SchemaObject table(String name, String... statements) {
        return SchemaObject.preData(ObjectRef.of(1259, 1), "table", name, List.of(statements));
    }

    @Test
    void statementsSentTogetherApplyInOrderInTheCallersTransaction(@Pg(instance = "target") TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            new StatementRunner.Together()
                    .add(table("together_a", "CREATE TABLE together_a (id int)", "ALTER TABLE together_a ADD COLUMN v text"))
                    .add(table("together_b", "CREATE TABLE together_b (id int)"))
                    .add("Indexing together_a", "CREATE INDEX together_a_v ON together_a (v)")
                    .add("Collecting statistics of together_a", "ANALYZE together_a")
                    .run(c);
            assertThat(db.queryValue("SELECT count(*) FROM pg_class WHERE relname LIKE 'together%'")).as("not committed yet").isEqualTo("0");
            c.commit();
        }
        assertThat(db.queryColumn("SELECT relname FROM pg_class WHERE relname LIKE 'together%' ORDER BY relname"))
                .containsExactly("together_a", "together_a_v", "together_b");
        assertThat(db.queryValue("SELECT count(*) FROM pg_attribute WHERE attrelid = 'together_a'::regclass AND attname = 'v'")).isEqualTo("1");
    }

    @Test
    void theObjectWhoseStatementFailsAmongOthersIsNamed(@Pg(instance = "target") TestDatabase db)
            throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                s.execute("CREATE TABLE before_them (id int)");
            }
            StatementRunner.Together together = new StatementRunner.Together()
                    .add(table("fine_one", "CREATE TABLE fine_one (id int)"))
                    .add(table("broken_one", "CREATE TABLE broken_one (id int)", "ALTER TABLE broken_one ADD CHECK (no_such_column > 0)"))
                    .add(table("never_reached", "CREATE TABLE never_reached (id int)"));

            assertThatThrownBy(() -> together.run(c)).isInstanceOfSatisfying(PgMigrateException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.MIGRATION_FAILED);
                assertThat(e.getMessage()).startsWith("Creating table broken_one on the target failed:").contains("no_such_column",
                        "SQLSTATE 42703", "Statement: ALTER TABLE broken_one ADD CHECK (no_such_column > 0)");
            });
            c.rollback();
        }
        assertThat(db.queryColumn("SELECT relname FROM pg_class WHERE relname IN ('before_them', 'fine_one', 'broken_one', 'never_reached')"))
                .isEmpty();
    }

    @Test
    void withoutATransactionEachStatementRunsAlone(@Pg(instance = "target") TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            StatementRunner.Together together = new StatementRunner.Together()
                    .add(table("alone_first", "CREATE TABLE alone_first (id int)"))
                    .add(table("alone_broken", "CREATE TABLE alone_first (id int)"));

            assertThatThrownBy(() -> together.run(c)).isInstanceOfSatisfying(PgMigrateException.class,
                    e -> assertThat(e.getMessage()).startsWith("Creating table alone_broken on the target failed:").contains("already exists"));
        }
        assertThat(db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'alone_first'")).as("committed on its own").isEqualTo("1");
    }
}
