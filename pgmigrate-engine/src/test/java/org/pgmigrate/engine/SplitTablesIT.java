package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pgmigrate.CopyFormat;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.SampleDatabase;
import org.pgmigrate.testkit.TestDatabase;

/**
 * With a tiny split size every table copies in parallel parts (page ranges from 14 on, key
 * ranges before), and in text format; the result is still equal.
 */
class SplitTablesIT {
    @ParameterizedTest(name = "PostgreSQL {0} to {1}, {2}")
    @CsvSource({"17, 17, TEXT", "12, 17, AUTO"})
    void everyTableInPartsIsStillEqual(int sourceMajor, int targetMajor, CopyFormat format) {
        try (PostgresServer sourceServer = PostgresServer.start(sourceMajor);
             PostgresServer targetServer = PostgresServer.start(targetMajor);
             TestDatabase source = sourceServer.createDatabase("shop");
             TestDatabase target = targetServer.createDatabase("shop")) {
            SampleDatabase.load(source);
            source.execute("ANALYZE");
            SampleDatabase.createRoles(target);
            MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).jobs(3)
                    .splitTablesLargerThan(1).copyFormat(format).execute();
            assertThatDatabase(target).isEquivalentTo(source);
            assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.equal()).isTrue());
            long sourceRows = Long.parseLong(source.queryValue("SELECT count(*) FROM shop.order_items"));
            assertThat(result.tables()).filteredOn(t -> t.name().equals("order_items")).singleElement()
                    .satisfies(t -> assertThat(t.rows()).isEqualTo(sourceRows));
        }
    }
}
