package org.pgmigrate.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.SampleDatabase;
import org.pgmigrate.testkit.ServerProvider;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * The testkit's fixtures in Testcontainers containers ({@code postgres:16} and {@code postgres:17})
 * instead of embedded servers. Where no Docker engine is reachable the extension skips it, saying so.
 */
@ExtendWith(PostgresExtension.class)
class ContainerProviderIT {
    @Test
    void theShopMovesBetweenTwoContainersUnchanged() {
        try (PostgresServer oldServer = PostgresServer.builder(16).provider(ServerProvider.TESTCONTAINERS).start();
             PostgresServer newServer = PostgresServer.builder(17).provider(ServerProvider.TESTCONTAINERS).start();
             TestDatabase oldShop = oldServer.createDatabase();
             TestDatabase newShop = newServer.createDatabase()) {
            SampleDatabase.load(oldShop);

            MigrationResult result = Migration.from(oldShop.endpoint()).to(newShop.endpoint()).execute();

            assertThat(result.completed()).isTrue();
            assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.equal()).isTrue());
            assertThatDatabase(newShop).isEquivalentTo(oldShop);
        }
    }
}
