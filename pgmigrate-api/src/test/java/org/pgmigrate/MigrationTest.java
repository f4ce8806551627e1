package org.pgmigrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MigrationTest {
    private final Endpoint source = Endpoint.of("postgresql://a@h1/db");
    private final Endpoint target = Endpoint.of("postgresql://a@h2/db");

    @Test
    void withoutTheEngineTheErrorNamesTheArtifactToAdd() {
        assertThatThrownBy(() -> Migration.from(source).to(target).execute())
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ENGINE_MISSING))
                .hasMessageContaining("org.pgmigrate:pgmigrate-engine");
    }

    @Test
    void aMigrationNeedsATarget() {
        assertThatThrownBy(() -> Migration.from(source).execute())
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageContaining("to(Endpoint)");
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
