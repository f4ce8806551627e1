package org.pgmigrate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

@ExtendWith(PostgresExtension.class)
class PhysicalStandbyIT {
    /**
     * The standby replays the primary's rows, copies its failover slot (and not its other
     * slots), and once the primary crashed and the standby was promoted, it takes writes and
     * keeps the slot.
     */
    @Test
    void aStandbyOf17ReplaysSyncsFailoverSlotsAndTakesOverWhenPromoted() throws SQLException {
        try (PostgresServer primary = PostgresServer.builder(17).setting("wal_level", "logical").start()) {
            TestDatabase db = primary.createDatabase();
            db.execute("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1); CREATE PUBLICATION p FOR TABLE t");
            try (PostgresServer standby = primary.startStandby()) {
                TestDatabase replica = standby.database(db.name());
                assertThat(replica.queryValue("SELECT pg_is_in_recovery()")).isEqualTo("t");
                db.execute("INSERT INTO t VALUES (2)");
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> replica.queryColumn("SELECT id FROM t ORDER BY id").equals(java.util.List.of("1", "2")));

                db.execute("SELECT pg_create_logical_replication_slot('follows', 'pgoutput', false, false, true);"
                        + " SELECT pg_create_logical_replication_slot('stays', 'pgoutput', false, false, false)");
                db.execute("INSERT INTO t VALUES (3)");
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> replica.queryColumn("SELECT slot_name || ' '"
                        + " || synced || ' ' || temporary FROM pg_replication_slots WHERE slot_type = 'logical'")
                        .equals(java.util.List.of("follows true false")));
                // replication is asynchronous: a commit the standby has not replayed is lost with the primary
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> replica.queryColumn("SELECT id FROM t ORDER BY id").equals(java.util.List.of("1", "2", "3")));

                primary.stopImmediately();
                assertThatThrownBy(() -> primary.connect("postgres")).isInstanceOf(SQLException.class);
                standby.promote();
                assertThat(replica.queryValue("SELECT pg_is_in_recovery()")).isEqualTo("f");
                replica.execute("INSERT INTO t VALUES (4)");
                assertThat(replica.queryColumn("SELECT id FROM t ORDER BY id")).containsExactly("1", "2", "3", "4");
                assertThat(Integer.parseInt(replica.queryValue("SELECT count(*) FROM pg_logical_slot_get_binary_changes('follows',"
                        + " NULL, NULL, 'proto_version', '1', 'publication_names', 'p')"))).as("the new primary's insert, decoded")
                        .isGreaterThanOrEqualTo(3);
            }
        }
    }

    @Test
    void aStandbyOfAServerBefore15IsRefused(@Pg(14) PostgresServer server) {
        assertThatThrownBy(server::startStandby).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("15 or newer");
    }
}
