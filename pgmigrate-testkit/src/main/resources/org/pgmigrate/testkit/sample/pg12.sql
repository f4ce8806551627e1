-- The sample shop, additions for PostgreSQL 12 and later.
SET ROLE sample_owner;

-- Stored generated columns; their values are computed, never copied.
ALTER TABLE shop.order_items ADD COLUMN line_total numeric(14, 2) GENERATED ALWAYS AS (quantity * unit_price) STORED;
ALTER TABLE shop.products ADD COLUMN price_with_tax numeric GENERATED ALWAYS AS (round(price * 1.077, 2)) STORED;
COMMENT ON COLUMN shop.products.price_with_tax IS 'Generated from price';

-- A foreign key that references a partitioned table.
ALTER TABLE shop.order_items ADD CONSTRAINT order_items_order_fk
    FOREIGN KEY (order_id, ordered_at) REFERENCES shop.orders ON DELETE CASCADE;

-- A nondeterministic (case-insensitive) ICU collation, used by a primary key.
CREATE COLLATION shop.case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TABLE shop.tags (
    tag text COLLATE shop.case_insensitive PRIMARY KEY,
    usage_count integer NOT NULL DEFAULT 0
);
INSERT INTO shop.tags (tag, usage_count)
VALUES ('Red', 3), ('green', 0), ('BLUE', 7), ('Ünïcode', 1), ('with space', 2);

RESET ROLE;
