package org.pgmigrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlNamesTest {
    @Test
    void quotesOnlyWhereSqlNeedsIt() {
        assertThat(SqlNames.qualified("shop", "orders")).isEqualTo("shop.orders");
        assertThat(SqlNames.qualified("Mixed Case", "t")).isEqualTo("\"Mixed Case\".t");
        assertThat(SqlNames.ident("user")).isEqualTo("\"user\"");
        assertThat(SqlNames.ident("Orders")).isEqualTo("\"Orders\"");
        assertThat(SqlNames.ident("1st")).isEqualTo("\"1st\"");
        assertThat(SqlNames.ident("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(SqlNames.ident("users_2")).isEqualTo("users_2");
    }
}
