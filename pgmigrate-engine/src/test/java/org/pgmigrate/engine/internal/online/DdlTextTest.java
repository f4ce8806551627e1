package org.pgmigrate.engine.internal.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;

class DdlTextTest {
    @Test
    void aStatementRunsAsItCameWithoutItsSemicolon() {
        assertThat(DdlText.forTarget("ALTER TABLE t ADD COLUMN note text DEFAULT 'a;b';")).isEqualTo("ALTER TABLE t ADD COLUMN note text DEFAULT 'a;b'");
        assertThat(DdlText.forTarget("alter table \"x;y\" add c int")).isEqualTo("alter table \"x;y\" add c int");
    }

    @Test
    void concurrentlyIsLeftOutOfIndexStatements() {
        assertThat(DdlText.forTarget("CREATE UNIQUE INDEX CONCURRENTLY i ON t (a)")).isEqualTo("CREATE UNIQUE INDEX i ON t (a)");
        assertThat(DdlText.forTarget("drop index concurrently i;")).isEqualTo("drop index i");
        assertThat(DdlText.forTarget("ALTER TABLE concurrently ADD c int")).isEqualTo("ALTER TABLE concurrently ADD c int");
    }

    @Test
    void semicolonsInQuotesDollarQuotesAndCommentsDoNotEndTheStatement() {
        assertThat(DdlText.statementEnd("ALTER TABLE t ADD CHECK (a <> $x$;$x$) -- ;\n /* ; */ ; ")).isEqualTo(53);
        assertThat(DdlText.statementEnd("ALTER TABLE t ADD d text DEFAULT 'it''s;'")).isEqualTo(-1);
        assertThat(DdlText.forTarget("ALTER TABLE t ADD c int; -- done")).isEqualTo("ALTER TABLE t ADD c int");
    }

    @Test
    void aQueryStringWithAnotherStatementIsRefusedNamingIt() {
        assertThatThrownBy(() -> DdlText.forTarget("ALTER TABLE t ADD c int; INSERT INTO t VALUES (1)"))
                .isInstanceOfSatisfying(PgMigrateException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.SOURCE_SCHEMA_CHANGED);
                    assertThat(e.getMessage()).contains("ALTER TABLE t ADD c int; INSERT INTO t VALUES (1)", "on its own");
                });
    }
}
