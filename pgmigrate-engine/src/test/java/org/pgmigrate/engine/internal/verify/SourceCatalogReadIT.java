package org.pgmigrate.engine.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.engine.internal.run.RunThreads;
import org.pgmigrate.engine.internal.run.Timeline;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** The source's catalogs read in the background: their facts when done, and nothing left running when stopped. */
@ExtendWith(PostgresExtension.class)
class SourceCatalogReadIT {
    @Test
    void readsTheFactsAndClosesItsConnection(@Pg(instance = "source") TestDatabase db) throws Exception {
        db.execute("CREATE TABLE read_behind (id int PRIMARY KEY); COMMENT ON TABLE read_behind IS 'in the background'");
        Connection reading = db.connect();
        CatalogFacts expected;
        try (Connection c = db.connect()) {
            expected = CatalogFacts.read(c);
        }

        SourceCatalogRead read = SourceCatalogRead.start(reading, RunThreads.ofItsOwn("catalogs"), Timeline.NONE);
        CatalogFacts facts = read.facts();

        assertThat(facts.facts()).containsKey("pg_description: table public.read_behind").isEqualTo(expected.facts());
        assertThat(reading.isClosed()).as("closed as soon as the facts are read").isTrue();
        read.close();
    }

    @Test
    @Timeout(60) // a close() that only waited for the read would wait for the lock for ever
    void closingStopsAReadThatWaitsAndEndsItsSession(@Pg(instance = "source") TestDatabase db) throws SQLException {
        try (Connection locker = db.connect()) {
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.execute("LOCK TABLE pg_catalog.pg_description IN ACCESS EXCLUSIVE MODE");
            }
            Connection reading = db.connect();
            String pid = pid(reading);
            SourceCatalogRead read = SourceCatalogRead.start(reading, RunThreads.ofItsOwn("catalogs"), Timeline.NONE);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    db.queryValue("SELECT count(*) FROM pg_catalog.pg_locks WHERE NOT granted AND pid = " + pid).equals("1"));

            read.close();

            assertThat(reading.isClosed()).isTrue();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    db.queryValue("SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE pid = " + pid).equals("0"));
            assertThatThrownBy(read::facts).isInstanceOfSatisfying(PgMigrateException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.MIGRATION_FAILED);
                assertThat(e.getMessage()).startsWith("Reading the catalogs of the source for verification failed");
            });
            locker.rollback();
        }
    }

    private static String pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT pg_catalog.pg_backend_pid()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
