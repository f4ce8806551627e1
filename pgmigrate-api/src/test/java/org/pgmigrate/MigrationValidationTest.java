package org.pgmigrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MigrationValidationTest {
    private final Endpoint source = Endpoint.of("postgresql://a@h1/db");
    private final Endpoint target = Endpoint.of("postgresql://a@h2/db");

    @Test
    void theRequestCarriesTheDisabledRules() {
        MigrationRequest request = Migration.from(source).to(target)
                .disableRules("superuser-owned-objects").disableRules("unlogged-tables", "sequences-online").request();

        assertThat(request.disabledRules()).containsExactlyInAnyOrder("superuser-owned-objects", "unlogged-tables", "sequences-online");
        assertThat(Migration.from(source).to(target).request().disabledRules()).isEmpty();
    }

    @Test
    void validateNeedsTheEngineAndLeavesTheChosenOptionAlone() {
        Migration.Builder builder = Migration.from(source).to(target).option(MigrationOption.VALIDATE_AND_MIGRATE);

        assertThatThrownBy(builder::validate)
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ENGINE_MISSING));
        assertThat(builder.request().option()).isEqualTo(MigrationOption.VALIDATE_AND_MIGRATE);
    }

    @Test
    void theDefaultOptionMigratesWithoutValidating() {
        assertThat(Migration.from(source).to(target).request().option()).isEqualTo(MigrationOption.MIGRATE);
    }
}
