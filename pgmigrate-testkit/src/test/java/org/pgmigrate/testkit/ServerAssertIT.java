package org.pgmigrate.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole-server assertion finds each kind of server-wide difference and passes on equal servers. */
class ServerAssertIT {
    private static PostgresServer left;
    private static PostgresServer right;

    @BeforeAll
    static void start() {
        left = PostgresServer.start(17);
        right = PostgresServer.start(17);
    }

    @AfterAll
    static void stop() {
        left.close();
        right.close();
    }

    private static final String SETUP = "DO $$ BEGIN"
            + " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'grp') THEN CREATE ROLE grp NOLOGIN; END IF;"
            + " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'usr') THEN CREATE ROLE usr LOGIN CONNECTION LIMIT 3; END IF;"
            + " END $$; GRANT grp TO usr; ALTER ROLE usr SET work_mem = '4MB'; COMMENT ON ROLE grp IS 'group'";

    @BeforeEach
    void sameOnBothSides() {
        for (PostgresServer server : new PostgresServer[] {left, right}) {
            server.execute("postgres", "DROP DATABASE IF EXISTS extra");
            server.execute("postgres", SETUP);
        }
    }

    @Test
    void equalServersPass() {
        assertThatServer(right).isEquivalentTo(left);
    }

    @Test
    void aRoleAttributeDifferenceIsNamed() {
        right.execute("postgres", "ALTER ROLE usr CONNECTION LIMIT 4");
        try {
            assertThatThrownBy(() -> assertThatServer(right).isEquivalentTo(left))
                    .isInstanceOf(AssertionError.class).hasMessageContainingAll("role usr", "connection_limit", "3", "4");
        } finally {
            right.execute("postgres", "ALTER ROLE usr CONNECTION LIMIT 3");
        }
    }

    @Test
    void aMissingMembershipAndSettingAreFound() {
        right.execute("postgres", "REVOKE grp FROM usr; ALTER ROLE usr RESET work_mem");
        assertThatThrownBy(() -> assertThatServer(right).isEquivalentTo(left))
                .isInstanceOf(AssertionError.class)
                .hasMessageContainingAll("missing on target:    role membership grp to usr", "settings");
    }

    @Test
    void anExtraDatabaseAndItsContentAreFoundUnlessIgnored() {
        left.execute("postgres", "CREATE DATABASE extra");
        right.execute("postgres", "CREATE DATABASE extra");
        left.execute("extra", "CREATE TABLE t (x int); INSERT INTO t VALUES (1)");
        right.execute("extra", "CREATE TABLE t (x int)");
        assertThatThrownBy(() -> assertThatServer(right).isEquivalentTo(left))
                .isInstanceOf(AssertionError.class).hasMessageContainingAll("In database extra", "data public.t");
        assertThatServer(right).ignoringDatabases("extra").isEquivalentTo(left);
    }
}
