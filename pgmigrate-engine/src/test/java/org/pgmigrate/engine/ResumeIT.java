package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.DatabaseSelection;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.IndexResult;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationFailedException;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.Phase;
import org.pgmigrate.TableResult;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * A run that failed part-way is resumed: what it finished is skipped, the rest is done, and the
 * target ends equal to the source with every row once.
 */
@ExtendWith(PostgresExtension.class)
class ResumeIT {
    private static final String SCHEMA = String.join(";",
            "CREATE TABLE a (id int PRIMARY KEY, v text)",
            "INSERT INTO a SELECT i, md5(i::text) FROM generate_series(1, 40000) i",
            "CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a, v text UNIQUE)",
            "INSERT INTO b SELECT i, i, 'b' || i FROM generate_series(1, 20000) i",
            "CREATE INDEX b_a ON b (a_id)",
            "CREATE TABLE c (id int, v jsonb)",
            "INSERT INTO c SELECT i, jsonb_build_object('i', i) FROM generate_series(1, 10000) i",
            "CREATE TABLE d (id serial PRIMARY KEY, v text)",
            "INSERT INTO d (v) SELECT 'd' || i FROM generate_series(1, 3000) i",
            "CREATE MATERIALIZED VIEW counts AS SELECT count(*) AS n FROM a",
            "CREATE UNIQUE INDEX counts_n ON counts (n)",
            "SELECT lo_from_bytea(0, 'a large object')");

    /** Fails the run once the table named {@code table} is finished (so it and what finished before are in). */
    private static MigrationListener failingAfter(String table) {
        return new MigrationListener() {
            @Override
            public void tableFinished(TableResult result) {
                if (result.name().equals(table)) {
                    throw new IllegalStateException("injected failure after " + table);
                }
            }
        };
    }

    /** Tables whose copy started, and indexes built. */
    private static final class Recorder implements MigrationListener {
        final Set<String> started = ConcurrentHashMap.newKeySet();
        final Set<String> indexes = ConcurrentHashMap.newKeySet();

        @Override
        public void tableStarted(String qualifiedName) {
            started.add(qualifiedName);
        }

        @Override
        public void indexBuilt(IndexResult index) {
            indexes.add(index.name());
        }
    }

    private static Migration.Builder migration(TestDatabase source, TestDatabase target) {
        return Migration.from(source.endpoint()).to(target.endpoint()).jobs(1);
    }

    @Test
    void aFailedRunResumesWhereItStoppedAndCopiesNothingTwice(@Pg(instance = "source") TestDatabase source,
                                                              @Pg(instance = "target") TestDatabase target) {
        source.execute(SCHEMA);

        // jobs(1) copies largest first: a, then b, then c...; the run fails once b is done
        MigrationFailedException failed = (MigrationFailedException) org.assertj.core.api.Assertions.catchThrowable(
                () -> migration(source, target).listener(failingAfter("b")).execute());
        assertThat(failed.getMessage()).contains("injected failure after b", "resume()", "--resume");
        List<String> finishedBefore = failed.partialResult().tables().stream().map(TableResult::name).toList();
        assertThat(finishedBefore).containsExactly("a", "b");
        assertThat(target.queryValue("SELECT count(*) FROM pgmigrate.journal WHERE state = 'done'")).isNotEqualTo("0");

        // a new run is refused: the target holds the journal
        assertThatThrownBy(() -> migration(source, target).execute()).isInstanceOfSatisfying(PgMigrateException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.TARGET_NOT_EMPTY);
            assertThat(e.getMessage()).contains("resume()", "--resume");
        });

        Recorder second = new Recorder();
        MigrationResult resumed = migration(source, target).resume().listener(second).execute();

        assertThat(resumed.completed()).isTrue();
        assertThat(second.started).doesNotContain("public.a", "public.b").contains("public.c", "public.d");
        assertThat(second.indexes).noneMatch(i -> i.contains("a_pkey") || i.contains("b_a")).anyMatch(i -> i.contains("d_pkey"));
        assertThat(resumed.warnings()).anySatisfy(w -> {
            assertThat(w.code()).isEqualTo("resumed");
            assertThat(w.message()).contains("new snapshot", "must not have changed");
        });
        // every table is in the result, with the rows copied by either run
        assertThat(resumed.tables()).extracting(TableResult::name).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(resumed.totalRows()).isEqualTo(73000);
        assertThatDatabase(target).isEquivalentTo(source);
        assertThat(target.queryValue("SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = 'pgmigrate'")).isEqualTo("0");
    }

    @Test
    void aBatchOfSmallTablesThatFailsLeavesNoneOfItsTablesAndResumeCopiesThemOnce(@Pg(instance = "source") TestDatabase source,
                                                                                   @Pg(instance = "target") TestDatabase target) {
        source.execute("DO $$ BEGIN FOR i IN 1..60 LOOP"
                + " EXECUTE format('CREATE TABLE s%s (id int PRIMARY KEY, v text); INSERT INTO s%s VALUES (%s, ''x'')', i, i, i);"
                + " END LOOP; END $$");
        // once the tables exist on the target, s8 refuses its row. jobs(1) copies small tables fifty at a time, in
        // name order: s1, s10... s54 commit, then the batch of s55... s9 fails as a whole
        MigrationListener refusing = new MigrationListener() {
            @Override
            public void phaseStarted(Phase phase) {
                if (phase == Phase.DATA) {
                    target.execute("ALTER TABLE s8 ADD CONSTRAINT refuse CHECK (id < 0) NOT VALID");
                }
            }
        };
        assertThatThrownBy(() -> migration(source, target).listener(refusing).execute())
                .hasMessageContaining("s8").hasMessageContaining("refuse").hasMessageContaining("23514");
        List<String> copied = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            boolean hasRow = target.queryValue("SELECT count(*) FROM s" + i).equals("1");
            boolean recorded = target.queryValue("SELECT count(*) FROM pgmigrate.journal WHERE state = 'done'"
                    + " AND task IN ('rows of \"public\".\"s" + i + "\"', 'rest of \"public\".\"s" + i + "\"')").equals("2");
            assertThat(recorded).as("s%d's tasks recorded done exactly when its row is in", i).isEqualTo(hasRow);
            if (hasRow) {
                copied.add("public.s" + i);
            }
        }
        assertThat(copied).as("tables that went in before the failure").hasSize(50).doesNotContain("public.s8", "public.s9", "public.s55");

        target.execute("ALTER TABLE s8 DROP CONSTRAINT refuse");
        Recorder second = new Recorder();
        MigrationResult resumed = migration(source, target).resume().listener(second).execute();

        assertThat(resumed.completed()).isTrue();
        assertThat(second.started).contains("public.s8", "public.s9").doesNotContainAnyElementsOf(copied);
        assertThat(resumed.tables()).hasSize(60);
        assertThatDatabase(target).isEquivalentTo(source);
        // the resumed run emptied what it copied (a new relfilenode), the first run what it created not
        assertThat(target.queryColumn("SELECT relname || ' ' || (relfilenode <> oid) FROM pg_catalog.pg_class"
                + " WHERE relname IN ('s1', 's8') ORDER BY relname")).containsExactly("s1 false", "s8 true");
    }

    @Test
    void aRunThatFailedAfterAPublicationOfEveryUpdateWasCreatedResumes(@Pg(instance = "source") TestDatabase source,
                                                                       @Pg(instance = "target") TestDatabase target) {
        // the publication reaches the journal's tables too: updating them needs a replica identity
        source.execute("CREATE TABLE gate (id int PRIMARY KEY, open boolean NOT NULL); INSERT INTO gate VALUES (1, true);"
                + " CREATE FUNCTION through_gate() RETURNS int LANGUAGE sql AS 'SELECT 1 / CASE WHEN open THEN 1 ELSE 0 END FROM public.gate';"
                + " CREATE MATERIALIZED VIEW gated AS SELECT public.through_gate() AS one;"
                + " CREATE PUBLICATION everything FOR ALL TABLES");
        MigrationListener closing = new MigrationListener() {
            @Override
            public void phaseStarted(Phase phase) {
                if (phase == Phase.MATERIALIZED_VIEWS) {
                    target.execute("UPDATE gate SET open = false");
                }
            }
        };
        assertThatThrownBy(() -> migration(source, target).listener(closing).execute()).hasMessageContaining("division by zero");
        assertThat(target.queryValue("SELECT count(*) FROM pg_publication")).as("created before the failure").isEqualTo("1");

        target.execute("UPDATE gate SET open = true");
        MigrationResult resumed = migration(source, target).resume().execute();

        assertThat(resumed.completed()).isTrue();
        assertThatDatabase(target).isEquivalentTo(source);
    }

    @Test
    void aSourceThatChangedSinceTheFailedRunIsRefused(@Pg(instance = "source") TestDatabase source,
                                                      @Pg(instance = "target") TestDatabase target) {
        source.execute(SCHEMA);
        assertThatThrownBy(() -> migration(source, target).listener(failingAfter("a")).execute())
                .isInstanceOf(MigrationFailedException.class);
        source.execute("ALTER TABLE c ADD COLUMN added int");

        assertThatThrownBy(() -> migration(source, target).resume().execute()).isInstanceOfSatisfying(PgMigrateException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.SOURCE_SCHEMA_CHANGED);
            assertThat(e.getMessage()).contains("Drop and recreate the target database");
        });
        // the refusal changed nothing: the journal is still there for a resume once the source is back
        source.execute("ALTER TABLE c DROP COLUMN added");
        assertThat(migration(source, target).resume().execute().completed()).isTrue();
        assertThatDatabase(target).isEquivalentTo(source);
    }

    @Test
    void resumingIntoAnEmptyTargetWithoutJournalSimplyMigrates(@Pg(instance = "source") TestDatabase source,
                                                               @Pg(instance = "target") TestDatabase target,
                                                               @Pg(instance = "target") TestDatabase used) {
        source.execute(SCHEMA);

        assertThat(migration(source, target).resume().execute().completed()).isTrue();
        assertThatDatabase(target).isEquivalentTo(source);

        used.execute("CREATE TABLE mine (id int)");
        assertThatThrownBy(() -> migration(source, used).resume().execute()).isInstanceOfSatisfying(PgMigrateException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.TARGET_NOT_EMPTY);
            assertThat(e.getMessage()).contains("nothing to resume", "mine");
        });
    }

    @Test
    void aTableCopiedInOtherPartsBeforeIsEmptiedAndCopiedAgain(@Pg(instance = "source") TestDatabase source,
                                                               @Pg(instance = "target") TestDatabase target) {
        source.execute(SCHEMA);
        // parts are as many as the jobs: 2 in the first run, 3 in the second
        MigrationListener failAtIndexOfA = new MigrationListener() {
            @Override
            public void indexBuilt(IndexResult index) {
                if (index.table().equals("public.a")) {
                    throw new IllegalStateException("injected failure after the parts of a");
                }
            }
        };
        assertThatThrownBy(() -> Migration.from(source.endpoint()).to(target.endpoint()).jobs(2).splitTablesLargerThan(100_000)
                .listener(failAtIndexOfA).execute()).isInstanceOf(MigrationFailedException.class);
        assertThat(target.queryValue("SELECT count(*) FROM pgmigrate.journal WHERE task LIKE 'rows of \"public\".\"a\" where %'"
                + " AND state = 'done'")).isEqualTo("2");

        MigrationResult resumed = Migration.from(source.endpoint()).to(target.endpoint()).jobs(3).splitTablesLargerThan(100_000)
                .resume().execute();

        assertThat(resumed.completed()).isTrue();
        assertThat(target.queryValue("SELECT count(*) FROM a")).isEqualTo("40000");
        assertThatDatabase(target).isEquivalentTo(source);
    }

    @Test
    void aWholeServerRunResumesAndSkipsTheDatabasesItCompleted() {
        try (PostgresServer source = PostgresServer.start(17); PostgresServer target = PostgresServer.start(17)) {
            source.execute("postgres", "CREATE DATABASE first");
            source.execute("postgres", "CREATE DATABASE second");
            source.execute("first", SCHEMA);
            source.execute("second", SCHEMA + "; CREATE TABLE fail_here (id int); INSERT INTO fail_here VALUES (1)");
            Migration.Builder migration = Migration.from(source.endpoint("postgres")).to(target.endpoint("postgres"))
                    .databases(DatabaseSelection.named("first", "second")).jobs(1);

            assertThatThrownBy(() -> Migration.from(source.endpoint("postgres")).to(target.endpoint("postgres"))
                    .databases(DatabaseSelection.named("first", "second")).jobs(1).listener(failingAfter("fail_here")).execute())
                    .isInstanceOf(MigrationFailedException.class);
            // the completed database keeps its journal until the whole run is done
            assertThat(count(target, "first")).isEqualTo(1);
            Recorder second = new Recorder();

            MigrationResult resumed = migration.resume().listener(second).execute();

            assertThat(resumed.completed()).isTrue();
            assertThat(resumed.databases()).extracting(r -> r.target().database()).containsExactly("first", "second");
            // the first database had completed: nothing of it was copied again
            assertThat(resumed.databases().get(0).tables()).hasSize(4);
            assertThat(second.started).doesNotContain("public.a", "public.b", "public.c", "public.d", "public.fail_here");
            assertThatServer(target).isEquivalentTo(source);
            assertThat(count(target, "first")).isZero();
            assertThat(count(target, "second")).isZero();
        }
    }

    private static int count(PostgresServer server, String database) {
        try (var c = server.connect(database); var s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = 'pgmigrate'")) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
