package org.pgmigrate.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** A team's own integration test written with the testkit, as README's "Tests" section shows it. */
@ExtendWith(PostgresExtension.class)
class ShopMigrationIT {
    @Test
    void theShopMovesFromPostgres11To17Unchanged(@Pg(value = 11, sample = true) TestDatabase oldShop,
                                                 @Pg(17) TestDatabase newShop) {
        MigrationResult result = Migration.from(oldShop.endpoint()).to(newShop.endpoint()).execute();

        assertThat(result.completed()).isTrue();
        assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.equal()).isTrue());
        assertThatDatabase(newShop).isEquivalentTo(oldShop);
    }
}
