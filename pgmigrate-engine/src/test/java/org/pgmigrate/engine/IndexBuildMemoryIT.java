package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** Target sessions get their share of the index build memory as maintenance_work_mem. */
@ExtendWith(PostgresExtension.class)
class IndexBuildMemoryIT {
    private static final String CHECKED_TABLE = "CREATE TABLE seen (id int PRIMARY KEY,"
            + " CHECK (current_setting('application_name') <> 'pgmigrate' OR current_setting('maintenance_work_mem') = '96MB'))";

    @Test
    void eachTargetSessionHasItsShare(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        // The check runs in the session that loads the rows: on the target, a pgmigrate worker.
        source.execute(CHECKED_TABLE);
        source.execute("INSERT INTO seen (id) SELECT generate_series(1, 100)");

        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint())
                .jobs(2).indexBuildMemory(192L << 20).execute();

        assertThat(result.options()).containsEntry("indexBuildMemory", String.valueOf(192L << 20));
        assertThat(target.queryValue("SELECT count(*) FROM seen")).isEqualTo("100");
    }

    @Test
    void aWrongShareWouldHaveBeenCaught(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute(CHECKED_TABLE);
        source.execute("INSERT INTO seen (id) VALUES (1)");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Migration.from(source.endpoint()).to(target.endpoint())
                        .jobs(2).indexBuildMemory(1L << 30).execute())
                .hasMessageContaining("seen");
    }
}
