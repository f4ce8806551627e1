package org.pgmigrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgmigrate.spi.MigrationEngine;

class MigrationTest {
    private final Endpoint source = Endpoint.of("postgresql://a@h1/db");
    private final Endpoint target = Endpoint.of("postgresql://a@h2/db");

    @Test
    void withoutTheEngineTheErrorNamesTheArtifactToAdd() {
        assertThatThrownBy(() -> Migration.from(source).to(target).execute())
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ENGINE_MISSING))
                .hasMessageContaining("org.pgmigrate:pgmigrate-engine");
    }

    private static MigrationEngine anEngine() {
        return (MigrationEngine) Proxy.newProxyInstance(MigrationTest.class.getClassLoader(), new Class<?>[] {MigrationEngine.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void twoEnginesOnTheClasspathAreRefusedNotChosenFrom() {
        MigrationEngine one = anEngine();
        assertThat(Migration.onlyEngine(List.of(one))).isSameAs(one);
        assertThatThrownBy(() -> Migration.onlyEngine(List.of(one, anEngine())))
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ENGINE_AMBIGUOUS))
                .hasMessageContaining("Found 2 pgmigrate engines", one.getClass().getName(), "keep a single");
    }

    @Test
    void aMigrationNeedsATarget() {
        assertThatThrownBy(() -> Migration.from(source).execute())
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageContaining("to(Endpoint)");
    }

    @Test
    void copyStrategiesAreRefusedOnline() {
        assertThatThrownBy(() -> Migration.from(source).to(target).mode(MigrationMode.ONLINE)
                .copyStrategy((table, context) -> java.util.Optional.empty()).request())
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageContaining("offline");
    }

    @Test
    void jobsOutOfRangeAreRejected() {
        assertThatThrownBy(() -> Migration.from(source).to(target).jobs(0).request())
                .isInstanceOf(PgMigrateException.class).hasMessageContaining("jobs");
    }

    @Test
    void theRequestCarriesEveryChoice() {
        MigrationRequest r = Migration.from(source).to(target).mode(MigrationMode.OFFLINE).option(MigrationOption.MIGRATE).jobs(3).request();
        assertThat(r.source()).isEqualTo(source);
        assertThat(r.target()).isEqualTo(target);
        assertThat(r.jobs()).isEqualTo(3);
        assertThat(r.mode()).isEqualTo(MigrationMode.OFFLINE);
    }
}
