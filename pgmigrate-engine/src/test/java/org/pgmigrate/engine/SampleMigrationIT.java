package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pgmigrate.IndexResult;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.TableProgress;
import org.pgmigrate.TableResult;
import org.pgmigrate.TableVerification;
import org.pgmigrate.testkit.DatabaseObjectKind;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.SampleDatabase;
import org.pgmigrate.testkit.TestDatabase;

/**
 * The sample database, which holds every object kind the engine supports, migrates into an
 * empty database and is then equal to the source under the testkit's own comparison.
 */
class SampleMigrationIT {
    @ParameterizedTest(name = "PostgreSQL {0} to {1}")
    @CsvSource({"18, 18", "17, 17", "11, 18", "17, 18", "14, 16"})
    void everyObjectKindMigratesAndIsEqual(int sourceMajor, int targetMajor) throws SQLException {
        try (PostgresServer sourceServer = PostgresServer.start(sourceMajor);
             PostgresServer targetServer = PostgresServer.start(targetMajor);
             TestDatabase source = sourceServer.createDatabase("shop");
             TestDatabase target = targetServer.createDatabase("shop")) {
            SampleDatabase.load(source);
            if (sourceMajor < 18 && targetMajor >= 18) {
                // older majors accept UNLOGGED on a partitioned table (where it does nothing), 18 refuses it
                source.execute("CREATE UNLOGGED TABLE shop.scratch (y int) PARTITION BY LIST (y);"
                        + " CREATE UNLOGGED TABLE shop.scratch_2024 PARTITION OF shop.scratch FOR VALUES IN (2024);"
                        + " INSERT INTO shop.scratch VALUES (2024)");
            }
            SampleDatabase.createRoles(target);
            List<String> events = new CopyOnWriteArrayList<>();
            MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).jobs(2)
                    .listener(new RecordingListener(events)).execute();

            assertThatDatabase(target).isEquivalentTo(source);
            if (sourceMajor < 17 && targetMajor >= 17) {
                // whoever held every privilege of a table holds 17's MAINTAIN too, as after pg_dump: the owner can still VACUUM
                assertThat(target.queryColumn("SELECT pg_catalog.pg_get_userbyid(a.grantee) || ' ' || a.privilege_type FROM pg_class c,"
                        + " aclexplode(c.relacl) a WHERE c.oid = 'shop.orders'::regclass AND a.privilege_type IN ('MAINTAIN', 'UPDATE')"
                        + " ORDER BY 1")).containsExactly("sample_owner MAINTAIN", "sample_owner UPDATE", "sample_writer UPDATE");
            }
            if (targetMajor >= 18) {
                // a child inherits its parent's names; from an older source, 18 chooses them as for pg_dump's script
                assertThat(notNullConstraints(target, "audit.login_events")).containsExactly(
                        "events_event_id_not_null NOT NULL event_id", "events_occurred_at_not_null NOT NULL occurred_at",
                        "login_events_success_not_null NOT NULL success");
            }
            if (sourceMajor < 18 && targetMajor >= 18) {
                assertEqualToTheSameScriptOn(targetServer, sourceMajor, target);
            }
            if (sourceMajor >= 18) {
                assertWhat18AddsArrived(target);
            }

            assertThat(result.completed()).isTrue();
            assertThat(result.warnings()).isEmpty();
            // every phase but DATABASES (whole-server migrations) and STREAM and CUTOVER (online ones)
            assertThat(result.phases()).extracting(PhaseResult::phase).containsExactly(java.util.Arrays.stream(Phase.values())
                    .filter(p -> p != Phase.DATABASES && p != Phase.STREAM && p != Phase.CUTOVER).toArray(Phase[]::new));
            // every table, partitioned table and populated materialized view has planner statistics
            assertThat(target.queryColumn("SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('r', 'p', 'm') AND c.reltuples < 0 AND c.relispopulated"
                    + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"))
                    .as("relations never analyzed").isEmpty();
            long sourceRows = Long.parseLong(source.queryValue("SELECT sum(n_live_tup) FROM pg_stat_user_tables"));
            assertThat(result.totalRows()).isPositive();
            assertThat(result.tables()).extracting(TableResult::qualifiedName).doesNotHaveDuplicates();
            assertThat(sourceRows).isGreaterThanOrEqualTo(0);
            for (TableResult table : result.tables()) {
                int started = events.indexOf("started " + table.qualifiedName());
                int finished = events.indexOf("finished " + table.qualifiedName());
                assertThat(started).as("start event of " + table.qualifiedName()).isNotNegative().isLessThan(finished);
                assertThat(events.indexOf("phase DATA")).isLessThan(started);
                assertThat(events.indexOf("phase FOREIGN_KEYS")).isGreaterThan(finished);
                int copied = events.indexOf("copied " + table.qualifiedName() + " " + table.rows());
                assertThat(copied).as("rows in, with their count").isBetween(started, finished);
                int verified = events.indexOf("verified " + table.qualifiedName());
                assertThat(verified).as("verified once its rows are in").isGreaterThan(copied);
                for (int i = 0; i < events.size(); i++) {
                    if (events.get(i).startsWith("index " + table.qualifiedName() + " ")) {
                        assertThat(i).as(events.get(i)).isBetween(copied, finished);
                    }
                }
            }
            assertThat(events).anyMatch(e -> e.startsWith("index shop.orders_2022 "));
            assertThat(result.verification()).hasValueSatisfying(v -> {
                assertThat(v.equal()).isTrue();
                assertThat(v.tables()).hasSameSizeAs(result.tables());
            });
        }
    }

    /**
     * What came from an older major is what the sample script of that major gives when run on
     * the target's major itself, NOT NULL constraint names included.
     */
    private static void assertEqualToTheSameScriptOn(PostgresServer server, int scriptMajor, TestDatabase migrated) throws SQLException {
        try (TestDatabase loaded = server.createDatabase("shop_loaded")) {
            try (Connection c = loaded.connect()) {
                SampleDatabase.load(c, scriptMajor);
            }
            loaded.execute("CREATE TABLE shop.scratch (y int) PARTITION BY LIST (y);"
                    + " CREATE UNLOGGED TABLE shop.scratch_2024 PARTITION OF shop.scratch FOR VALUES IN (2024);"
                    + " INSERT INTO shop.scratch VALUES (2024)");
            // the migration keeps what the source had where 18 itself differs: its extension
            // versions, and ACLs as the source had them (compared with the source above)
            assertThatDatabase(migrated).schemaOnly().ignoringOwnersAndAcls().ignoring(DatabaseObjectKind.EXTENSION).isEquivalentTo(loaded);
        }
    }

    /** Read from the target's catalogs directly, not through the equivalence assertion. */
    private static void assertWhat18AddsArrived(TestDatabase target) {
        assertThat(notNullConstraints(target, "shop.room_bookings")).containsExactly(
                "booking_needs_room NOT NULL room_id", "room_bookings_booking_id_not_null NOT NULL booking_id",
                "room_bookings_note_required NOT NULL note NOT VALID", "room_bookings_stay_not_null NOT NULL stay");
        assertThat(notNullConstraints(target, "shop.room_tasks")).containsExactly(
                "checked_here_only NOT NULL checked_by NO INHERIT", "room_tasks_done_by_required NOT NULL done_by NOT VALID",
                "room_tasks_room_required NOT NULL room_id", "room_tasks_task_not_null NOT NULL task");
        // the NOT VALID constraint of the parent is valid on the child created after it
        assertThat(notNullConstraints(target, "shop.urgent_room_tasks")).containsExactly(
                "room_tasks_done_by_required NOT NULL done_by", "room_tasks_room_required NOT NULL room_id",
                "room_tasks_task_not_null NOT NULL task", "urgent_needs_checker NOT NULL checked_by");
        assertThat(notNullConstraints(target, "shop.room_rates_winter")).containsExactly(
                "room_rates_winter_season_not_null NOT NULL season", "room_rates_winter_valid_not_null NOT NULL valid",
                "winter_rate_required NOT NULL rate", "winter_room_required NOT NULL room_id");
        assertThat(target.queryValue("SELECT obj_description(oid, 'pg_constraint') FROM pg_constraint"
                + " WHERE conname = 'room_bookings_note_required'")).isEqualTo("New bookings carry a note");
        assertThat(target.queryValue("SELECT attgenerated FROM pg_attribute"
                + " WHERE attrelid = 'shop.room_bookings'::regclass AND attname = 'nights'")).isEqualTo("v");
        assertThat(target.queryColumn("SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conname IN ('rooms_pkey', 'room_bookings_one_stay', 'room_bookings_room_fkey', 'room_bookings_guests_check',"
                + " 'room_bookings_customer_fkey', 'room_rates_winter_pkey') ORDER BY conname COLLATE \"C\"")).containsExactly(
                "FOREIGN KEY (booked_by) REFERENCES customers(customer_id) NOT ENFORCED",
                "CHECK (((guests >= 1) AND (guests <= 4))) NOT ENFORCED",
                "UNIQUE (room_id, stay WITHOUT OVERLAPS)",
                // the sample's search_path (a database setting) holds shop
                "FOREIGN KEY (room_id, PERIOD stay) REFERENCES rooms(room_id, PERIOD available)",
                "PRIMARY KEY (season, room_id, valid WITHOUT OVERLAPS)",
                "PRIMARY KEY (room_id, available WITHOUT OVERLAPS)");
    }

    private static List<String> notNullConstraints(TestDatabase db, String table) {
        return db.queryColumn("SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conrelid = '" + table + "'::regclass AND contype = 'n' ORDER BY conname COLLATE \"C\"");
    }

    private static final class RecordingListener implements MigrationListener {
        private final List<String> events;

        RecordingListener(List<String> events) {
            this.events = events;
        }

        @Override
        public void phaseStarted(Phase phase) {
            events.add("phase " + phase);
        }

        @Override
        public void tableStarted(String qualifiedName) {
            events.add("started " + qualifiedName);
        }

        @Override
        public void tableCopied(TableProgress copied) {
            events.add("copied " + copied.qualifiedName() + " " + copied.rows());
        }

        @Override
        public void tableFinished(TableResult result) {
            events.add("finished " + result.qualifiedName());
        }

        @Override
        public void indexBuilt(IndexResult index) {
            events.add("index " + index.table() + " " + index.name());
        }

        @Override
        public void tableVerified(TableVerification verification) {
            events.add("verified " + verification.qualifiedName());
        }
    }
}
