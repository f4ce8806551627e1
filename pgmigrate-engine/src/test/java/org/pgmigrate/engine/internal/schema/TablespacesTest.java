package org.pgmigrate.engine.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Where TABLESPACE goes in an index definition as the server prints it. */
class TablespacesTest {
    private final Tablespaces keep = Tablespaces.unmapped();

    @Test
    void theClauseGoesBeforeThePredicateOfAPartialIndex() {
        String definition = "CREATE INDEX i ON public.t USING btree (a) WITH (fillfactor='70') WHERE (b IS NOT NULL)";

        assertThat(keep.indexDefinition(definition, "(b IS NOT NULL)", "fast")).isEqualTo(
                "CREATE INDEX i ON public.t USING btree (a) WITH (fillfactor='70') TABLESPACE \"fast\" WHERE (b IS NOT NULL)");
    }

    @Test
    void aPredicateThatMentionsWhereIsFoundAtTheEnd() {
        String predicate = "(note <> ' WHERE x'::text)";
        String definition = "CREATE INDEX i ON public.t USING btree (note) WHERE " + predicate;

        assertThat(keep.indexDefinition(definition, predicate, "My Space"))
                .isEqualTo("CREATE INDEX i ON public.t USING btree (note) TABLESPACE \"My Space\" WHERE " + predicate);
        assertThat(keep.indexDefinition("CREATE INDEX i ON public.t USING btree (a)", null, "fast"))
                .isEqualTo("CREATE INDEX i ON public.t USING btree (a) TABLESPACE \"fast\"");
        assertThat(keep.indexDefinition(definition, predicate, null)).isEqualTo(definition);
    }

    @Test
    void aDefinitionThatDoesNotEndWithItsPredicateIsRefused() {
        assertThatThrownBy(() -> keep.indexDefinition("CREATE INDEX i ON public.t USING btree (a) WHERE (a > 1)", "(a > 2)", "fast"))
                .isInstanceOf(IllegalStateException.class);
    }
}
