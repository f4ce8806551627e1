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

-- A partitioned table with a foreign key to itself: its clones reference the partitions, yet
-- each partition is created after its parent. (The key is added after the partitions: before 17,
-- partitions created after it get no clones on the referenced side, which no dump can rebuild.)
CREATE TABLE shop.categories (
    category_id integer PRIMARY KEY,
    parent_id integer,
    name text NOT NULL
) PARTITION BY RANGE (category_id);
CREATE TABLE shop.categories_top PARTITION OF shop.categories FOR VALUES FROM (0) TO (100);
CREATE TABLE shop.categories_sub PARTITION OF shop.categories FOR VALUES FROM (100) TO (1000);
ALTER TABLE shop.categories ADD FOREIGN KEY (parent_id) REFERENCES shop.categories;
INSERT INTO shop.categories VALUES (1, NULL, 'Garden'), (2, NULL, 'Kitchen'), (101, 1, 'Tools'), (102, 101, 'Spades');


-- Generated columns through inheritance: a child that declares the generated column itself
-- inherits its expression (before 16 it may not repeat it); the parent gains a column after.
CREATE TABLE shop.price_history (
    product_id integer NOT NULL,
    net numeric(12, 2),
    gross numeric(12, 2) GENERATED ALWAYS AS (round(net * 1.2, 2)) STORED
);
CREATE TABLE shop.price_history_2024 (gross numeric(12, 2), valid_from date) INHERITS (shop.price_history);
CREATE TABLE shop.price_history_2023 () INHERITS (shop.price_history);
ALTER TABLE shop.price_history ADD COLUMN currency char(3) DEFAULT 'EUR';
INSERT INTO shop.price_history_2024 (product_id, net, valid_from) SELECT i, i * 10, date '2024-01-01' + i FROM generate_series(1, 12) AS s(i);
INSERT INTO shop.price_history_2023 (product_id, net, currency) SELECT i, i * 9, 'CHF' FROM generate_series(1, 12) AS s(i);
-- A child made on its own, its generated column before the one it is computed from, then attached
-- with INHERIT: every column its own, in an order no CREATE TABLE ... INHERITS gives.
CREATE TABLE shop.price_history_legacy (
    gross numeric(12, 2) GENERATED ALWAYS AS (round(net * 1.2, 2)) STORED,
    currency char(3) DEFAULT 'USD',
    net numeric(12, 2),
    product_id integer NOT NULL
);
ALTER TABLE shop.price_history_legacy INHERIT shop.price_history;
INSERT INTO shop.price_history_legacy (product_id, net) SELECT i, i * 7 FROM generate_series(1, 5) AS s(i);
RESET ROLE;

-- A table access method of its own (the heap under another name), for a table and a materialized
-- view. Only a superuser creates access methods.
CREATE ACCESS METHOD sample_heap TYPE TABLE HANDLER heap_tableam_handler;
COMMENT ON ACCESS METHOD sample_heap IS 'The heap under another name';
SET ROLE sample_owner;
CREATE TABLE shop.stock_moves (
    move_id integer PRIMARY KEY,
    product_id integer NOT NULL,
    delta shop.quantity NOT NULL
) USING sample_heap;
INSERT INTO shop.stock_moves SELECT i, 1 + i % 200, i % 9 FROM generate_series(1, 300) AS s(i);
CREATE MATERIALIZED VIEW shop.stock_move_counts USING sample_heap AS
SELECT product_id, count(*) AS moves FROM shop.stock_moves GROUP BY product_id;
RESET ROLE;
