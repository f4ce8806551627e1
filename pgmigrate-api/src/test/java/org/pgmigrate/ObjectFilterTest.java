package org.pgmigrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObjectFilterTest {
    @Test
    void takesEverythingByDefault() {
        ObjectFilter all = ObjectFilter.all();
        assertThat(all.takesEverything()).isTrue();
        assertThat(all.takesSchema("anything")).isTrue();
        assertThat(all.takesTable("s", "t")).isTrue();
        assertThat(all.takesTableData("s", "t")).isTrue();
        assertThat(all.takesExtension("hstore")).isTrue();
    }

    @Test
    void exclusionsWinOverInclusions() {
        ObjectFilter filter = ObjectFilter.builder().addIncludeSchemas("app*").addExcludeSchemas("app_old")
                .addIncludeTables("orders*").addExcludeTables("app.orders_archive").build();
        assertThat(filter.takesSchema("app")).isTrue();
        assertThat(filter.takesSchema("app_old")).isFalse();
        assertThat(filter.takesSchema("public")).isFalse();
        assertThat(filter.takesTable("app", "orders")).isTrue();
        assertThat(filter.takesTable("app", "orders_archive")).isFalse();
        assertThat(filter.takesTable("app", "customers")).isFalse();
        assertThat(filter.takesTable("app_old", "orders")).as("a table of an excluded schema").isFalse();
        assertThat(filter.takesEverything()).isFalse();
    }

    @Test
    void tableDataAndExtensionsAreFilteredOnTheirOwn() {
        ObjectFilter filter = ObjectFilter.builder().addExcludeTableData("public.events", "log_?").addExcludeExtensions("h*").build();
        assertThat(filter.takesTable("public", "events")).isTrue();
        assertThat(filter.takesTableData("public", "events")).isFalse();
        assertThat(filter.takesTableData("other", "events")).isTrue();
        assertThat(filter.takesTableData("any", "log_1")).isFalse();
        assertThat(filter.takesTableData("any", "log_10")).isTrue();
        assertThat(filter.takesExtension("hstore")).isFalse();
        assertThat(filter.takesExtension("pgcrypto")).isTrue();
    }

    @Test
    void malformedPatternsAreRefusedWhenBuilt() {
        assertThatThrownBy(() -> ObjectFilter.builder().addExcludeTables("\"open").build())
                .isInstanceOf(PgMigrateException.class).hasMessageContaining("'\"open'").hasMessageContaining("not closed")
                .extracting(e -> ((PgMigrateException) e).kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThatThrownBy(() -> ObjectFilter.builder().addExcludeTables("a.b.c").build()).hasMessageContaining("more than two");
        assertThatThrownBy(() -> ObjectFilter.builder().addIncludeSchemas("a.b").build()).hasMessageContaining("single name");
        assertThatThrownBy(() -> ObjectFilter.builder().addExcludeTables("a.").build()).hasMessageContaining("empty");
        assertThatThrownBy(() -> ObjectFilter.builder().addExcludeExtensions("").build()).hasMessageContaining("empty");
    }

    @Test
    void theBuilderCollectsPatternsIntoTheRequest() {
        MigrationRequest request = Migration.from(Endpoint.of("postgresql://a/b")).to(Endpoint.of("postgresql://c/d"))
                .includeSchemas("app").excludeTables("app.audit_*").excludeTables("app.tmp").excludeTableData("app.events")
                .excludeExtensions("hstore").request();
        assertThat(request.filter().includeSchemas()).containsExactly("app");
        assertThat(request.filter().excludeTables()).containsExactly("app.audit_*", "app.tmp");
        assertThat(request.filter().excludeTableData()).containsExactly("app.events");
        assertThat(request.filter().excludeExtensions()).containsExactly("hstore");
    }
}
