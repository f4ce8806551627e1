package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * Columns of the reg* types name objects by OID, which differ between servers: their values travel
 * as the names they print, never as binary OIDs, even between servers of the same major.
 */
@ExtendWith(PostgresExtension.class)
class ObjectReferenceTypesIT {
    @Test
    void regclassAndRegtypeValuesNameTheTargetsObjects(@Pg(instance = "source") TestDatabase source,
                                                       @Pg(instance = "target") TestDatabase target) {
        // tables created and dropped first give the source's objects OIDs the target's will not have
        source.execute("DO $$ BEGIN FOR i IN 1..50 LOOP EXECUTE format('CREATE TABLE burn%s (); DROP TABLE burn%s', i, i); END LOOP; END $$;"
                + "CREATE TYPE colour AS ENUM ('red');"
                + "CREATE TABLE audited (id int);"
                + "CREATE TABLE watch (id int PRIMARY KEY, rel regclass, types regtype[]);"
                + "INSERT INTO watch VALUES (1, 'audited', ARRAY['colour'::regtype, 'int4'::regtype])");
        String sourceOid = source.queryValue("SELECT 'audited'::regclass::oid");

        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).execute();

        assertThat(target.queryValue("SELECT 'audited'::regclass::oid")).as("the target gave the table another OID").isNotEqualTo(sourceOid);
        assertThat(target.queryValue("SELECT rel::text FROM watch")).isEqualTo("audited");
        assertThat(target.queryValue("SELECT rel = 'audited'::regclass FROM watch")).isEqualTo("t");
        assertThat(target.queryValue("SELECT types::text FROM watch")).isEqualTo("{colour,integer}");
        assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.equal()).isTrue());
    }
}
