package org.pgmigrate.engine.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The names PostgreSQL 18 gave these columns' NOT NULL constraints itself (read from a real server). */
class NotNullConstraintTest {
    @Test
    void shortNamesAreJoinedWhole() {
        assertThat(NotNullConstraint.defaultName("room_rates_winter", "season")).isEqualTo("room_rates_winter_season_not_null");
        assertThat(NotNullConstraint.isDefaultName("winter_room_required", "room_rates_winter", "room_id")).isFalse();
    }

    @Test
    void theLongerPartLosesBytesFirstAndTheColumnOnATie() {
        assertThat(NotNullConstraint.defaultName("A very long table name that is more than thirty chars",
                "and a very long column name, too, over thirty"))
                .isEqualTo("A very long table name that_and a very long column nam_not_null");
    }

    @Test
    void noCharacterIsCutInTwo() {
        String table = "ä".repeat(31);
        assertThat(NotNullConstraint.defaultName(table, "b")).isEqualTo("ä".repeat(26) + "_b_not_null");
        assertThat(NotNullConstraint.defaultName(table, "ö".repeat(27))).isEqualTo("ä".repeat(13) + "_" + "ö".repeat(13) + "_not_null");
    }
}
