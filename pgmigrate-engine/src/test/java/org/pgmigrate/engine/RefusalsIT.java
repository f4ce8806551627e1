package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;

/** Every bad input is refused before the target changes, with an error that says what to do. */
class RefusalsIT {
    private static PostgresServer source;
    private static PostgresServer target;

    @BeforeAll
    static void start() {
        source = PostgresServer.start(17);
        target = PostgresServer.start(17);
        source.execute("postgres", "CREATE ROLE app LOGIN PASSWORD 'right-password'");
    }

    @AfterAll
    static void stop() {
        target.close();
        source.close();
    }

    private static TestDatabase sourceWithData() {
        TestDatabase db = source.createDatabase();
        db.execute("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (2)");
        return db;
    }

    private static List<String> userObjects(TestDatabase db) {
        return db.queryColumn("SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
                + " UNION ALL SELECT nspname::text FROM pg_namespace WHERE nspname NOT LIKE 'pg_%' AND nspname NOT IN ('public', 'information_schema')"
                + " ORDER BY 1");
    }

    private static void assertRefused(Runnable run, ErrorKind kind, String... messageParts) {
        assertThatThrownBy(run::run)
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessageContainingAll(messageParts);
    }

    @Test
    void refusesATargetThatHoldsUserObjectsAndNamesThem() {
        try (TestDatabase src = sourceWithData(); TestDatabase tgt = target.createDatabase()) {
            tgt.execute("CREATE TABLE leftover (x int); CREATE SCHEMA old_stuff");
            assertRefused(() -> Migration.from(src.endpoint()).to(tgt.endpoint()).execute(),
                    ErrorKind.TARGET_NOT_EMPTY, "leftover", "old_stuff", "not empty", "CREATE DATABASE");
            assertThat(userObjects(tgt)).containsExactly("leftover", "old_stuff");
        }
    }

    @Test
    void refusesATargetOfAnOlderMajor() {
        try (PostgresServer older = PostgresServer.start(16); TestDatabase src = sourceWithData(); TestDatabase tgt = older.createDatabase()) {
            assertRefused(() -> Migration.from(src.endpoint()).to(tgt.endpoint()).execute(),
                    ErrorKind.UNSUPPORTED_VERSION, "PostgreSQL 16", "older than the source's PostgreSQL 17");
            assertThat(userObjects(tgt)).isEmpty();
        }
    }

    @Test
    void refusesAnUnreachableServer() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        try (TestDatabase tgt = target.createDatabase()) {
            Endpoint nowhere = Endpoint.of("postgresql://postgres@127.0.0.1:" + freePort + "/db");
            assertRefused(() -> Migration.from(nowhere).to(tgt.endpoint()).execute(),
                    ErrorKind.CONNECTION_FAILED, "Cannot connect to the source server", "127.0.0.1:" + freePort, "running");
            assertThat(userObjects(tgt)).isEmpty();
        }
    }

    @Test
    void refusesAWrongPasswordWithoutShowingIt() {
        try (TestDatabase src = sourceWithData(); TestDatabase tgt = target.createDatabase()) {
            Endpoint wrong = Endpoint.of(source.uri("app", src.name()), "wrong-password-marker");
            assertThatThrownBy(() -> Migration.from(wrong).to(tgt.endpoint()).execute())
                    .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION_FAILED))
                    .hasMessageContaining("password")
                    .hasMessageContaining("source")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-password-marker"));
            assertThat(userObjects(tgt)).isEmpty();
        }
    }

    @Test
    void refusesAMissingTargetDatabase() {
        try (TestDatabase src = sourceWithData()) {
            assertRefused(() -> Migration.from(src.endpoint()).to(target.endpoint("no_such_db")).execute(),
                    ErrorKind.DATABASE_NOT_FOUND, "target", "does not exist", "CREATE DATABASE");
        }
    }

    @Test
    void refusesAMissingSourceDatabase() {
        try (TestDatabase tgt = target.createDatabase()) {
            assertRefused(() -> Migration.from(source.endpoint("no_such_db")).to(tgt.endpoint()).execute(),
                    ErrorKind.DATABASE_NOT_FOUND, "source", "does not exist");
            assertThat(userObjects(tgt)).isEmpty();
        }
    }

    @Test
    void aRightPasswordWorks() {
        try (TestDatabase src = sourceWithData(); TestDatabase tgt = target.createDatabase()) {
            src.execute("GRANT SELECT ON t TO app");
            Endpoint app = Endpoint.of(source.uri("app", src.name()), "right-password");
            Migration.from(app).to(tgt.endpoint()).execute();
            assertThat(tgt.queryValue("SELECT count(*) FROM t")).isEqualTo("2");
        }
    }
}
