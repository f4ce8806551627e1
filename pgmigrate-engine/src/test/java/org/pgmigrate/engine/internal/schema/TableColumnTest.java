package org.pgmigrate.engine.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableColumnTest {
    /** Type OIDs, fixed in every major. */
    private static final long BPCHAR = 1042;
    private static final long VARCHAR = 1043;
    private static final long BPCHAR_ARRAY = 1014;

    @Test
    void onlyCharacterWithALengthIsBlankPadded() {
        // character(5): the type modifier is the length plus the 4-byte header
        assertThat(TableColumn.of("\"c\"", "character(5)", BPCHAR, 9, true, null).blankPadded()).isTrue();
        assertThat(TableColumn.of("\"c\"", "character(1)", BPCHAR, 5, true, null).blankPadded()).isTrue();
        // character without a length keeps trailing spaces
        assertThat(TableColumn.of("\"c\"", "bpchar", BPCHAR, -1, true, null).blankPadded()).isFalse();
        assertThat(TableColumn.of("\"c\"", "character varying(5)", VARCHAR, 9, true, null).blankPadded()).isFalse();
        assertThat(TableColumn.of("\"c\"", "character(5)[]", BPCHAR_ARRAY, 9, true, null).blankPadded()).isFalse();
    }

    @Test
    void aColumnKnowsItsNameUnquotedAndItsType() {
        TableColumn column = TableColumn.of("\"say \"\"hi\"\"\"", "character(5)", BPCHAR, 9, true, null);
        assertThat(column.name()).isEqualTo("say \"hi\"");
        assertThat(column.type()).isEqualTo("character(5)");
    }
}
