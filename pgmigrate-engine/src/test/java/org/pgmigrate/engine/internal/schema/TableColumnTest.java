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
        assertThat(TableColumn.of("\"c\"", BPCHAR, 9, true).blankPadded()).isTrue();
        assertThat(TableColumn.of("\"c\"", BPCHAR, 5, true).blankPadded()).isTrue();
        // character without a length keeps trailing spaces
        assertThat(TableColumn.of("\"c\"", BPCHAR, -1, true).blankPadded()).isFalse();
        assertThat(TableColumn.of("\"c\"", VARCHAR, 9, true).blankPadded()).isFalse();
        assertThat(TableColumn.of("\"c\"", BPCHAR_ARRAY, 9, true).blankPadded()).isFalse();
    }
}
