package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.ReplicationLag;
import org.pgmigrate.TimelineEntry;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;

/**
 * Online migrations under concurrent writes of every kind end with the target equal to the
 * source (rows, sequences, schema) and leave no slot, publication, origin or control table.
 */
class OnlineMigrationIT {
    @ParameterizedTest(name = "PostgreSQL {0} to {1}")
    @CsvSource({"18, 18", "11, 17", "12, 14", "15, 16"})
    void concurrentWritesOfEveryKindEndEqual(int sourceMajor, int targetMajor) {
        try (PostgresServer sourceServer = PostgresServer.builder(sourceMajor).setting("wal_level", "logical").start();
             PostgresServer targetServer = PostgresServer.start(targetMajor);
             TestDatabase source = sourceServer.createDatabase("shop");
             TestDatabase target = targetServer.createDatabase("shop")) {
            OnlineWorkload.createSchema(source, sourceMajor);
            List<ReplicationLag> lags = new CopyOnWriteArrayList<>();
            MigrationResult result;
            try (OnlineWorkload workload = OnlineWorkload.start(source);
                 MigrationHandle handle = Migration.from(source.endpoint()).to(target.endpoint()).mode(MigrationMode.ONLINE)
                         .jobs(2).listener(new MigrationListener() {
                             @Override
                             public void lagMeasured(ReplicationLag lag) {
                                 lags.add(lag);
                             }
                         }).start()) {
                assertThat(handle.awaitCaughtUp(Duration.ofMinutes(3))).isTrue();
                if (sourceMajor >= 17) {
                    assertThat(source.queryValue("SELECT failover FROM pg_replication_slots WHERE slot_name LIKE 'pgmigrate%'"))
                            .as("a failover slot, which a standby with sync_replication_slots keeps").isEqualTo("t");
                }
                long before = workload.transactions();
                OnlineWorkload.largeTransaction(source, 1, 50_000);
                assertThat(handle.awaitCaughtUp(Duration.ofMinutes(3))).isTrue();
                OnlineWorkload.largeTransaction(source, 50_001, 1000);
                source.execute("TRUNCATE online.bulk");
                OnlineWorkload.largeTransaction(source, 100_001, 1000);
                assertThat(handle.awaitCaughtUp(Duration.ofMinutes(3))).isTrue();
                workload.close();
                assertThat(workload.transactions()).as("the source was written to while streaming").isGreaterThan(before);
                assertThat(handle.lag().appliedRows()).isPositive();
                result = handle.cutover();
            }

            assertThatDatabase(target).isEquivalentTo(source);
            assertThat(result.completed()).isTrue();
            assertThat(result.mode()).isEqualTo(MigrationMode.ONLINE);
            assertThat(result.warnings()).as("no warning about the migration's own publication").isEmpty();
            assertThat(result.phases()).extracting(PhaseResult::phase).containsSubsequence(Phase.DATA, Phase.STREAM, Phase.CUTOVER,
                    Phase.SEQUENCES, Phase.VERIFY);
            assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.equal()).isTrue());
            assertThat(lags).isNotEmpty();
            assertThat(result.lag()).as("the lag measured, kept in the result for the report").isNotEmpty().isSubsetOf(lags);
            assertThat(result.timeline()).extracting(TimelineEntry::table).contains("online.items");
            assertNothingLeft(source, target);
        }
    }

    /** Changes of tables the filter leaves out, or keeps without rows, are streamed but not applied. */
    @org.junit.jupiter.api.Test
    void changesOfTablesTheFilterLeavesOutAreNotApplied() {
        try (PostgresServer sourceServer = PostgresServer.builder(17).setting("wal_level", "logical").start();
             PostgresServer targetServer = PostgresServer.start(17);
             TestDatabase source = sourceServer.createDatabase("filtered");
             TestDatabase target = targetServer.createDatabase("filtered")) {
            source.execute("CREATE TABLE kept (id int PRIMARY KEY, v text); CREATE TABLE left_out (id int PRIMARY KEY);"
                    + " CREATE TABLE structure_only (id int PRIMARY KEY);"
                    + " INSERT INTO kept SELECT g, 'v' || g FROM generate_series(1, 100) g;"
                    + " INSERT INTO left_out SELECT generate_series(1, 100); INSERT INTO structure_only SELECT generate_series(1, 100)");
            MigrationResult result;
            try (MigrationHandle handle = Migration.from(source.endpoint()).to(target.endpoint()).mode(MigrationMode.ONLINE)
                    .excludeTables("left_out").excludeTableData("structure_only").start()) {
                assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
                source.execute("INSERT INTO kept VALUES (101, 'new'); UPDATE kept SET v = 'changed' WHERE id = 1;"
                        + " INSERT INTO left_out VALUES (101); DELETE FROM left_out WHERE id = 1;"
                        + " INSERT INTO structure_only VALUES (101); TRUNCATE left_out, kept; INSERT INTO kept VALUES (7, 'after')");
                assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
                result = handle.cutover();
            }

            assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.equal()).as(v.differences().toString()).isTrue());
            assertThat(target.queryColumn("SELECT id || ':' || v FROM kept ORDER BY id")).containsExactly("7:after");
            assertThat(target.queryValue("SELECT count(*) FROM structure_only")).isEqualTo("0");
            assertThat(target.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'left_out'")).isEqualTo("0");
            assertNothingLeft(source, target);
        }
    }

    /**
     * A source before 15 streams empty transactions too, such as the cutover's own logical
     * message: applied alone, it writes nothing on the target, and the cutover must still see
     * its progress as durable.
     */
    @org.junit.jupiter.api.Test
    void aQuietSourceBefore15CutsOver() {
        try (PostgresServer sourceServer = PostgresServer.builder(11).setting("wal_level", "logical").start();
             PostgresServer targetServer = PostgresServer.start(17);
             TestDatabase source = sourceServer.createDatabase("quiet");
             TestDatabase target = targetServer.createDatabase("quiet")) {
            source.execute("CREATE TABLE public.t (id int PRIMARY KEY); INSERT INTO public.t SELECT generate_series(1, 10)");
            try (MigrationHandle handle = Migration.from(source.endpoint()).to(target.endpoint()).mode(MigrationMode.ONLINE).start()) {
                assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
                assertThat(handle.cutover().completed()).isTrue();
            }
            assertThatDatabase(target).isEquivalentTo(source);
            assertNothingLeft(source, target);
        }
    }

    static void assertNothingLeft(TestDatabase source, TestDatabase target) {
        assertThat(source.queryColumn("SELECT slot_name FROM pg_replication_slots WHERE database = current_database()"))
                .as("slots on the source").isEmpty();
        assertThat(source.queryColumn("SELECT pubname FROM pg_publication")).as("publications on the source").isEmpty();
        assertThat(target.queryColumn("SELECT roname FROM pg_replication_origin WHERE roname LIKE 'pgmigrate%'"))
                .as("origins on the target").isEmpty();
        assertThat(target.queryColumn("SELECT nspname FROM pg_namespace WHERE nspname = 'pgmigrate'")).as("pgmigrate schema").isEmpty();
    }

    static List<String> rows(TestDatabase db, String sql) {
        return new ArrayList<>(db.queryColumn(sql));
    }
}
