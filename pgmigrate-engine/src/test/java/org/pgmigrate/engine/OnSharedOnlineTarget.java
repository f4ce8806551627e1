package org.pgmigrate.engine;

import org.junit.jupiter.api.AfterEach;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.junit5.Pg;

/**
 * Online tests whose target is the run's shared {@code online-target} server. Replication
 * origins belong to the server, not to a test's database, so one that a failed test left there
 * would fail every later test's check that nothing is left: each test drops them once it has
 * made its own checks.
 */
interface OnSharedOnlineTarget {
    @AfterEach
    default void dropOriginsLeftOnTheTarget(@Pg(instance = "online-target") PostgresServer target) {
        target.execute("postgres", "SELECT pg_catalog.pg_replication_origin_drop(roname) FROM pg_catalog.pg_replication_origin"
                + " WHERE roname LIKE 'pgmigrate%'");
    }
}
