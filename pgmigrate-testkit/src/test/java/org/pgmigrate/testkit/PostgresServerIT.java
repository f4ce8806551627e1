package org.pgmigrate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresServerIT {
    @ParameterizedTest
    @ValueSource(ints = {11, 12, 14, 16, 17, 18})
    void startsTheRequestedMajorAndCreatesDatabases(int major) {
        try (PostgresServer server = PostgresServer.builder(major).setting("work_mem", "7MB").start();
             TestDatabase db = server.createDatabase()) {
            assertThat(server.versionNumber() / 10000).isEqualTo(major);
            assertThat(db.queryValue("SELECT current_database()")).isEqualTo(db.name());
            assertThat(db.queryValue("SHOW work_mem")).isEqualTo("7MB");
        }
    }
}
