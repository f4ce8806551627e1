package org.pgmigrate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ServerProviderTest {
    private static final UnaryOperator<String> NONE = name -> null;

    @Test
    void isEmbeddedWhereNothingChoosesOne() {
        assertThat(ServerProvider.chosen(NONE, NONE)).isEqualTo(ServerProvider.EMBEDDED);
        assertThat(ServerProvider.chosen(named(ServerProvider.PROPERTY, " "), NONE)).isEqualTo(ServerProvider.EMBEDDED);
    }

    @Test
    void takesTheEnvironmentVariableWhereNoPropertyIsSet() {
        assertThat(ServerProvider.chosen(NONE, named(ServerProvider.VARIABLE, "testcontainers")))
                .isEqualTo(ServerProvider.TESTCONTAINERS);
    }

    @Test
    void thePropertyOverridesTheEnvironmentVariable() {
        assertThat(ServerProvider.chosen(named(ServerProvider.PROPERTY, "Embedded"), named(ServerProvider.VARIABLE, "testcontainers")))
                .isEqualTo(ServerProvider.EMBEDDED);
        assertThat(ServerProvider.chosen(named(ServerProvider.PROPERTY, "TESTCONTAINERS "), named(ServerProvider.VARIABLE, "embedded")))
                .isEqualTo(ServerProvider.TESTCONTAINERS);
    }

    @Test
    void refusesAnUnknownNameSayingWhereItCameFrom() {
        assertThatThrownBy(() -> ServerProvider.chosen(NONE, named(ServerProvider.VARIABLE, "docker")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The environment variable PGMIGRATE_TESTKIT_PROVIDER names no testkit provider: 'docker';"
                        + " choose embedded or testcontainers");
    }

    @Test
    void theBuildersChoiceOverridesTheJvms() {
        String before = System.getProperty(ServerProvider.PROPERTY);
        System.setProperty(ServerProvider.PROPERTY, "testcontainers");
        try {
            assertThat(PostgresServer.builder(17).chosenProvider()).isEqualTo(ServerProvider.TESTCONTAINERS);
            assertThat(PostgresServer.builder(17).provider(ServerProvider.EMBEDDED).chosenProvider()).isEqualTo(ServerProvider.EMBEDDED);
        } finally {
            if (before == null) {
                System.clearProperty(ServerProvider.PROPERTY);
            } else {
                System.setProperty(ServerProvider.PROPERTY, before);
            }
        }
    }

    private static UnaryOperator<String> named(String name, String value) {
        return Map.of(name, value)::get;
    }
}
