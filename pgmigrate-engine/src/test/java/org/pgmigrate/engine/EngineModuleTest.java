package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;
import org.pgmigrate.Migration;
import org.pgmigrate.spi.MigrationEngine;

/** Applications see the engine only as the API's service: none of its packages is theirs to use. */
class EngineModuleTest {
    private final ModuleDescriptor engine = PgMigrateEngine.class.getModule().getDescriptor();

    @Test
    void exportsNothing() {
        assertThat(engine).as("tests run on the module path").isNotNull();
        assertThat(engine.exports()).isEmpty();
        assertThat(engine.opens()).isEmpty();
    }

    @Test
    void theApiFindsItAsTheServiceItProvides() {
        assertThat(engine.provides()).singleElement().satisfies(p -> {
            assertThat(p.service()).isEqualTo(MigrationEngine.class.getName());
            assertThat(p.providers()).containsExactly(PgMigrateEngine.class.getName());
        });
        assertThat(Migration.class.getModule().getDescriptor().uses()).contains(MigrationEngine.class.getName());
    }
}
