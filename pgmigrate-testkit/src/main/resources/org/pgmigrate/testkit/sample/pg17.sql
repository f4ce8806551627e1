-- The sample shop, additions for PostgreSQL 17 and later.
SET ROLE sample_owner;

-- A domain's NOT NULL is a constraint with a name of its own (17+).
CREATE DOMAIN shop.note_text AS text CONSTRAINT note_text_given NOT NULL CONSTRAINT note_text_not_blank CHECK (VALUE <> '');
COMMENT ON CONSTRAINT note_text_given ON DOMAIN shop.note_text IS 'Never empty';
CREATE TABLE shop.remarks (remark_id integer PRIMARY KEY, remark shop.note_text);
INSERT INTO shop.remarks VALUES (1, 'first'), (2, 'second');

RESET ROLE;
