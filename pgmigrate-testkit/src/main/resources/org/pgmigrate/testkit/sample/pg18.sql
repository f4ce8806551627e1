-- The sample shop, additions for PostgreSQL 18 and later.
-- Integer equality inside a GiST key WITHOUT OVERLAPS.
CREATE EXTENSION btree_gist WITH SCHEMA ext;

SET ROLE sample_owner;

-- Default privileges for large objects are new in 18.
ALTER DEFAULT PRIVILEGES FOR ROLE sample_owner GRANT SELECT ON LARGE OBJECTS TO sample_reader;

-- Rooms are let for periods: a primary key WITHOUT OVERLAPS (the PRIMARY KEY gives its columns
-- NOT NULL constraints of the default names), and bookings that refer to a PERIOD of a room.
CREATE TABLE shop.rooms (
    room_id int,
    available daterange,
    name text CONSTRAINT rooms_name_required NOT NULL,
    CONSTRAINT rooms_pkey PRIMARY KEY (room_id, available WITHOUT OVERLAPS)
);
COMMENT ON CONSTRAINT rooms_name_required ON shop.rooms IS 'A room is always named';
INSERT INTO shop.rooms VALUES
    (1, '[2024-01-01,2024-07-01)', 'Garden'), (1, '[2024-07-01,2025-01-01)', 'Garden (renovated)'),
    (2, '[2024-01-01,2025-01-01)', 'Tower');

CREATE TABLE shop.room_bookings (
    booking_id int NOT NULL,
    room_id int CONSTRAINT booking_needs_room NOT NULL,
    stay daterange NOT NULL,
    guests int,
    -- computed when read, never stored, so never copied
    nights int GENERATED ALWAYS AS (upper(stay) - lower(stay)) VIRTUAL,
    deposit numeric GENERATED ALWAYS AS (guests * 50) STORED,
    note text,
    -- bookings taken over from the old system name customers that were never carried over
    booked_by bigint CONSTRAINT room_bookings_customer_fkey REFERENCES shop.customers NOT ENFORCED,
    CONSTRAINT room_bookings_one_stay UNIQUE (room_id, stay WITHOUT OVERLAPS),
    CONSTRAINT room_bookings_room_fkey FOREIGN KEY (room_id, PERIOD stay) REFERENCES shop.rooms (room_id, PERIOD available),
    -- documented, not checked: the old bookings break it
    CONSTRAINT room_bookings_guests_check CHECK (guests BETWEEN 1 AND 4) NOT ENFORCED
);
INSERT INTO shop.room_bookings (booking_id, room_id, stay, guests, note, booked_by)
SELECT i, 1 + i % 2, daterange(date '2024-01-01' + i * 7, date '2024-01-01' + i * 7 + 3), 1 + i % 6,
       CASE WHEN i % 5 <> 0 THEN 'booking ' || i END, 7 + i
FROM generate_series(0, 40) AS s(i);
-- Rows written before the rule still lack a note: NOT VALID keeps them and checks new rows.
ALTER TABLE shop.room_bookings ADD CONSTRAINT room_bookings_note_required NOT NULL note NOT VALID;
COMMENT ON CONSTRAINT room_bookings_note_required ON shop.room_bookings IS 'New bookings carry a note';

-- NOT NULL constraints through inheritance: named ones the child gets under its parent's name,
-- one the child does not get (NO INHERIT), one the child adds itself to an inherited column,
-- and a NOT VALID one on the parent that is valid on the child created after it.
CREATE TABLE shop.room_tasks (
    room_id int CONSTRAINT room_tasks_room_required NOT NULL,
    task text NOT NULL,
    done_by text,
    checked_by text CONSTRAINT checked_here_only NOT NULL NO INHERIT
);
INSERT INTO shop.room_tasks VALUES (1, 'inspect', NULL, 'anna');
ALTER TABLE shop.room_tasks ADD CONSTRAINT room_tasks_done_by_required NOT NULL done_by NOT VALID;
CREATE TABLE shop.urgent_room_tasks (
    deadline date,
    CONSTRAINT urgent_needs_checker NOT NULL checked_by
) INHERITS (shop.room_tasks);
INSERT INTO shop.urgent_room_tasks VALUES (2, 'fix heating', 'bob', 'carl', '2024-02-01');

-- Partitions: one created as a partition (its NOT NULL constraints are its parent's), one
-- created on its own and attached (it keeps names of its own).
-- The partitioned table's key is WITHOUT OVERLAPS too: its partitions get one each.
CREATE TABLE shop.room_rates (
    room_id int CONSTRAINT room_rates_room_required NOT NULL,
    season text NOT NULL,
    rate numeric,
    valid daterange,
    CONSTRAINT room_rates_pkey PRIMARY KEY (season, room_id, valid WITHOUT OVERLAPS)
) PARTITION BY LIST (season);
CREATE TABLE shop.room_rates_summer PARTITION OF shop.room_rates FOR VALUES IN ('summer');
CREATE TABLE shop.room_rates_winter (
    room_id int CONSTRAINT winter_room_required NOT NULL,
    season text NOT NULL,
    rate numeric CONSTRAINT winter_rate_required NOT NULL,
    valid daterange NOT NULL
);
ALTER TABLE shop.room_rates ATTACH PARTITION shop.room_rates_winter FOR VALUES IN ('winter');
INSERT INTO shop.room_rates
VALUES (1, 'summer', 120, '[2024-06-01,2024-09-01)'), (1, 'summer', 130, '[2025-06-01,2025-09-01)'),
       (1, 'winter', 90, '[2024-12-01,2025-03-01)'), (2, 'summer', 150, '[2024-06-01,2024-09-01)'),
       (2, 'winter', 110, '[2024-12-01,2025-03-01)');


-- A partition whose inherited NOT NULL is its own too, and a child made on its own, then
-- inherited: its NOT NULL keeps its own name and is its own as well as inherited.
ALTER TABLE ONLY shop.room_rates_summer ALTER COLUMN room_id SET NOT NULL;
CREATE TABLE shop.room_notes (room_id int CONSTRAINT room_notes_room_required NOT NULL, note text);
CREATE TABLE shop.room_cleaning_notes (cleaner text, room_id int CONSTRAINT cleaning_room_required NOT NULL, note text);
ALTER TABLE shop.room_cleaning_notes INHERIT shop.room_notes;
INSERT INTO shop.room_cleaning_notes VALUES ('dora', 1, 'windows');
RESET ROLE;
