package org.pgmigrate.testkit.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.ServerProvider;
import org.pgmigrate.testkit.TestDatabase;
import org.testcontainers.DockerClientFactory;

/**
 * With the testcontainers provider chosen and no Docker engine, tests that ask for servers are
 * skipped with the reason, by JUnit itself (run here through the engine test kit), never failed.
 */
class DockerSkipTest {
    private static final String REASON = "PostgreSQL 16 from the testcontainers provider needs a Docker engine, and none is reachable";

    @Test
    void abortsATestWhoseParameterNeedsAContainer() {
        Events tests = runWithTheTestcontainersProvider(ParameterNeedsAContainer.class).testEvents();

        tests.assertStatistics(stats -> stats.started(2).aborted(1).failed(1).succeeded(0));
        assertThat(reasons(tests.aborted().list())).singleElement().asString().startsWith(REASON);
        // Another cause still fails: the handlers abort for a missing Docker engine alone.
        assertThat(reasons(tests.failed().list())).singleElement().asString().contains("The testkit starts no PostgreSQL 10");
    }

    @Test
    void abortsATestStartingAContainerItself() {
        Events tests = runWithTheTestcontainersProvider(StartsAContainer.class).testEvents();

        tests.assertStatistics(stats -> stats.started(1).aborted(1));
        assertThat(reasons(tests.aborted().list())).singleElement().asString().startsWith(REASON);
    }

    @Test
    void abortsTheClassWhenABeforeAllParameterNeedsAContainer() {
        EngineExecutionResults results = runWithTheTestcontainersProvider(BeforeAllNeedsAContainer.class);

        results.testEvents().assertStatistics(stats -> stats.started(0).failed(0));
        results.containerEvents().assertStatistics(stats -> stats.failed(0));
        assertThat(reasons(results.containerEvents().aborted().list())).singleElement().asString().startsWith(REASON);
    }

    private static EngineExecutionResults runWithTheTestcontainersProvider(Class<?> testClass) {
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "a Docker engine is reachable here");
        String before = System.getProperty(ServerProvider.PROPERTY);
        System.setProperty(ServerProvider.PROPERTY, "testcontainers");
        try {
            return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
        } finally {
            if (before == null) {
                System.clearProperty(ServerProvider.PROPERTY);
            } else {
                System.setProperty(ServerProvider.PROPERTY, before);
            }
        }
    }

    private static List<String> reasons(List<Event> finished) {
        return finished.stream().map(e -> e.getPayload(TestExecutionResult.class).orElseThrow()
                .getThrowable().map(Throwable::getMessage).orElse("")).toList();
    }

    @ExtendWith(PostgresExtension.class)
    static class ParameterNeedsAContainer {
        @Test
        void needsAContainer(@Pg(16) TestDatabase db) {
            db.execute("SELECT 1");
        }

        @Test
        void asksForAMajorTheTestkitLacks(@Pg(10) PostgresServer server) {
            server.versionNumber();
        }
    }

    @ExtendWith(PostgresExtension.class)
    static class StartsAContainer {
        @Test
        void startsOne(PostgresServers servers) {
            servers.server(16).versionNumber();
        }
    }

    @ExtendWith(PostgresExtension.class)
    static class BeforeAllNeedsAContainer {
        @BeforeAll
        static void startsOne(@Pg(16) PostgresServer server) {
            server.versionNumber();
        }

        @Test
        void neverRuns() {}
    }
}
