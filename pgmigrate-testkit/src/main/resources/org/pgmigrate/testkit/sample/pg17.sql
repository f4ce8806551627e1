-- The sample shop, additions for PostgreSQL 17 and later.
SET ROLE sample_owner;

-- A domain's NOT NULL is a constraint with a name of its own (17+).
CREATE DOMAIN shop.note_text AS text CONSTRAINT note_text_given NOT NULL CONSTRAINT note_text_not_blank CHECK (VALUE <> '');
COMMENT ON CONSTRAINT note_text_given ON DOMAIN shop.note_text IS 'Never empty';
CREATE TABLE shop.remarks (remark_id integer PRIMARY KEY, remark shop.note_text);
INSERT INTO shop.remarks VALUES (1, 'first'), (2, 'second');

-- A child made on its own and then inherited, with a column generated from a column after it
-- and computed otherwise than its parent's (16+): it cannot be added before that column with
-- its expression, which is set once the column is there (17+).
CREATE TABLE shop.measures (id integer, width integer, area integer GENERATED ALWAYS AS (width * 2) STORED);
CREATE TABLE shop.wide_measures (area integer GENERATED ALWAYS AS (width * 3) STORED, width integer, id integer);
ALTER TABLE shop.wide_measures INHERIT shop.measures;
INSERT INTO shop.wide_measures (id, width) VALUES (1, 10), (2, 20);

RESET ROLE;
