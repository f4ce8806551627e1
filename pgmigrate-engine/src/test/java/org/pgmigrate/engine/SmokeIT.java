package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;

class SmokeIT {
    @Test
    void copiesATable() {
        try (PostgresServer a = PostgresServer.start(17); PostgresServer b = PostgresServer.start(17);
             TestDatabase src = a.createDatabase(); TestDatabase tgt = b.createDatabase()) {
            src.execute("CREATE SCHEMA s; CREATE TABLE s.t (id int primary key, v text); INSERT INTO s.t SELECT g, 'x' || g FROM generate_series(1, 1000) g;"
                    + "CREATE TABLE s.c (id int references s.t, w text default 'a''b'); CREATE INDEX ON s.c (lower(w));"
                    + "CREATE VIEW s.v AS SELECT * FROM s.t WHERE id > 5; COMMENT ON TABLE s.t IS 'it''s';");
            MigrationResult r = Migration.from(src.endpoint()).to(tgt.endpoint()).jobs(2).execute();
            System.out.println(r);
            assertThat(tgt.queryValue("SELECT count(*) FROM s.t")).isEqualTo("1000");
        }
    }
}
