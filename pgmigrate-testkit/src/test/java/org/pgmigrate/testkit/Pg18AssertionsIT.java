package org.pgmigrate.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** The equivalence assertion sees what PostgreSQL 18 added: NOT NULL constraints, virtual columns, keys WITHOUT OVERLAPS. */
@ExtendWith(PostgresExtension.class)
class Pg18AssertionsIT {
    @Test
    void passesForTwoLoadsAndNamesEveryChangeOf18sObjects(@Pg(value = 18, sample = true) TestDatabase source,
                                                          @Pg(value = 18, sample = true) TestDatabase target) {
        assertThatDatabase(target).isEquivalentTo(source);

        target.execute("ALTER TABLE shop.room_rates_winter RENAME CONSTRAINT winter_rate_required TO winter_rate_needed;"
                // valid where the source's is NOT VALID
                + "ALTER TABLE shop.rooms DROP CONSTRAINT rooms_name_required;"
                + "ALTER TABLE shop.rooms ADD CONSTRAINT rooms_name_required NOT NULL name NOT VALID;"
                + "ALTER TABLE shop.room_tasks DROP CONSTRAINT checked_here_only;"
                + "ALTER TABLE shop.room_tasks ADD CONSTRAINT checked_here_only NOT NULL checked_by;"
                + "COMMENT ON CONSTRAINT room_bookings_note_required ON shop.room_bookings IS 'changed';"
                + "ALTER TABLE shop.room_bookings DROP COLUMN nights;"
                + "ALTER TABLE shop.room_bookings ADD COLUMN nights int GENERATED ALWAYS AS (upper(stay) - lower(stay)) STORED;"
                + "ALTER TABLE shop.room_bookings DROP CONSTRAINT room_bookings_one_stay;"
                + "ALTER TABLE shop.room_bookings ADD CONSTRAINT room_bookings_one_stay UNIQUE (room_id, stay);");

        assertThatThrownBy(() -> assertThatDatabase(target).schemaOnly().isEquivalentTo(source))
                .isInstanceOf(AssertionError.class)
                .hasMessageContainingAll(
                        "column shop.room_rates_winter.rate", "winter_rate_required", "winter_rate_needed",
                        "column shop.rooms.name", "rooms_name_required not valid", "A room is always named",
                        "column shop.room_tasks.checked_by", "checked_here_only no inherit",
                        "column shop.room_bookings.note", "New bookings carry a note",
                        "column shop.room_bookings.nights", "generated",
                        "constraint shop.room_bookings.room_bookings_one_stay", "UNIQUE (room_id, stay WITHOUT OVERLAPS)");
    }
}
