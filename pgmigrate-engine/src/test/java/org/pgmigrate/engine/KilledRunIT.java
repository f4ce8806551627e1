package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** A migration whose process is killed mid-copy (no chance to clean up) is completed by a resume. */
@ExtendWith(PostgresExtension.class)
class KilledRunIT {
    @Test
    void aKilledProcessLeavesAJournalThatResumeCompletes(@Pg(instance = "source") TestDatabase source,
                                                         @Pg(instance = "target") TestDatabase target) throws Exception {
        source.execute("CREATE TABLE big (id bigint PRIMARY KEY, payload text NOT NULL);"
                + " INSERT INTO big SELECT i, repeat(md5(i::text), 4) FROM generate_series(1, 80000) i;"
                + " CREATE TABLE small (id int PRIMARY KEY, note text); INSERT INTO small SELECT i, 'n' || i FROM generate_series(1, 2000) i;"
                + " CREATE TABLE tiny (id int PRIMARY KEY REFERENCES small); INSERT INTO tiny SELECT generate_series(1, 10);"
                + " CREATE SEQUENCE counter; SELECT setval('counter', 42)");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ChildMigration.class.getName(), source.jdbcUrl(), target.jdbcUrl())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("PROGRESS public.big")) {
                assertThat(line).doesNotStartWith("COMPLETED");
            }
            assertThat(line).as("the child reports progress on big before it ends").isNotNull();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        // killed mid-copy: the journal is there, and big's copy was rolled back with its transaction
        assertThat(target.queryValue("SELECT count(*) FROM pgmigrate.journal WHERE task = 'rows of \"public\".\"big\"' AND state = 'done'"))
                .isEqualTo("0");
        awaitNoSessions(target);

        MigrationResult resumed = Migration.from(source.endpoint()).to(target.endpoint()).jobs(2).resume().execute();

        assertThat(resumed.completed()).isTrue();
        assertThat(resumed.warnings()).anySatisfy(w -> assertThat(w.code()).isEqualTo("resumed"));
        assertThatDatabase(target).isEquivalentTo(source);
        assertThat(target.queryValue("SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = 'pgmigrate'")).isEqualTo("0");
    }

    /** The server notices the killed client's sockets are gone when it next reads from them. */
    static void awaitNoSessions(TestDatabase target) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (target.queryValue("SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE datname = current_database()"
                    + " AND pid <> pg_catalog.pg_backend_pid() AND application_name LIKE 'pgmigrate%'").equals("0")) {
                return;
            }
            Thread.sleep(100);
        }
    }
}
