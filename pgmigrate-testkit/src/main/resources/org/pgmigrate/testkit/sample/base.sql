-- The sample shop database, part valid on PostgreSQL 11 and later.
-- Loaded into an empty database by SampleDatabase, as superuser, in one implicit transaction.
-- Everything here is deterministic (no now(), random(), gen_random_uuid()), so two loads give
-- equal content; only OIDs may differ.

-- Roles are cluster-wide: create them only when missing, tolerating a concurrent creator.
DO $roles$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['sample_owner', 'sample_reader', 'sample_writer'] LOOP
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
END
$roles$;

-- Database-level settings and comment, whatever the database is called.
DO $db$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET work_mem = %L', current_database(), '8MB');
    EXECUTE format('ALTER DATABASE %I SET search_path = shop, public', current_database());
    EXECUTE format('ALTER ROLE sample_reader IN DATABASE %I SET statement_timeout = %L', current_database(), '5s');
    -- Lists whose elements the server quotes as identifiers: upper case, a comma, a space, a
    -- double quote, an empty element. sample_writer never logs in, so no library is ever loaded.
    EXECUTE format('ALTER ROLE sample_writer IN DATABASE %I SET search_path = "Mixed Case", %L, "$user", public, %L',
                   current_database(), 'has,comma "and" quote', '');
    EXECUTE format('ALTER ROLE sample_writer IN DATABASE %I SET temp_tablespaces = %L', current_database(), '');
    EXECUTE format('ALTER ROLE sample_writer IN DATABASE %I SET session_preload_libraries = %L, %L',
                   current_database(), 'Upper Case Library', 'plain');
    EXECUTE format('COMMENT ON DATABASE %I IS %L', current_database(), 'The pgmigrate sample shop');
END
$db$;

-- The public schema differs by major (owner and CREATE for PUBLIC changed in 15); make it the
-- same everywhere so that loads on different majors are comparable.
ALTER SCHEMA public OWNER TO sample_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

CREATE SCHEMA shop AUTHORIZATION sample_owner;
CREATE SCHEMA audit AUTHORIZATION sample_owner;
CREATE SCHEMA "Mixed Case" AUTHORIZATION sample_writer;
CREATE SCHEMA ext;
CREATE EXTENSION pgcrypto WITH SCHEMA ext;

COMMENT ON SCHEMA shop IS 'Everything the shop sells and who buys it';
COMMENT ON SCHEMA audit IS E'Who did what.\nSecond line with ''single'' and "double" quotes and a \\ backslash.';
COMMENT ON SCHEMA "Mixed Case" IS 'Identifiers that need quoting';

GRANT USAGE ON SCHEMA shop TO sample_reader, sample_writer;
GRANT USAGE ON SCHEMA audit TO sample_reader;
GRANT USAGE ON SCHEMA ext TO sample_owner, sample_writer;

-- Privileges changed on what an extension and initdb created (pg_init_privs records how they
-- started), among them a grant by a role other than the owner.
REVOKE EXECUTE ON FUNCTION ext.gen_random_bytes(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ext.gen_random_bytes(integer) TO sample_reader;
GRANT EXECUTE ON FUNCTION ext.digest(text, text) TO sample_owner WITH GRANT OPTION;
SET ROLE sample_owner;
GRANT EXECUTE ON FUNCTION ext.digest(text, text) TO sample_writer;
RESET ROLE;
GRANT SELECT (rolname, rolsuper) ON pg_catalog.pg_authid TO sample_reader;
GRANT SELECT ON pg_catalog.pg_statistic TO sample_reader;
GRANT EXECUTE ON FUNCTION pg_catalog.pg_ls_dir(text) TO sample_writer;
REVOKE EXECUTE ON FUNCTION pg_catalog.pg_conf_load_time() FROM PUBLIC;

-- Default privileges: new tables of sample_owner in shop are readable by sample_reader.
ALTER DEFAULT PRIVILEGES FOR ROLE sample_owner IN SCHEMA shop GRANT SELECT ON TABLES TO sample_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE sample_owner GRANT USAGE ON SEQUENCES TO sample_writer;

-- ---------------------------------------------------------------------------------------------
-- Objects owned by the application owner.
SET ROLE sample_owner;

CREATE COLLATION shop.c_copy FROM "C";
COMMENT ON COLLATION shop.c_copy IS 'Byte order';

CREATE TYPE shop.order_status AS ENUM ('new', 'paid', 'shipped', 'delivered', 'returned', 'cancelled');
COMMENT ON TYPE shop.order_status IS 'Life cycle of an order';

CREATE DOMAIN shop.email AS text
    CONSTRAINT email_has_at CHECK (VALUE ~ '^[^@[:space:]]+@[^@[:space:]]+$');
CREATE DOMAIN shop.positive_money AS numeric(12, 2) NOT NULL DEFAULT 0
    CONSTRAINT positive_money_not_negative CHECK (VALUE >= 0);
CREATE DOMAIN shop.sku AS varchar(16) COLLATE "C"
    CONSTRAINT sku_format CHECK (VALUE ~ '^[A-Z]{3}-[0-9]{4}$')
    CONSTRAINT sku_length CHECK (length(VALUE) = 8);
COMMENT ON DOMAIN shop.sku IS 'Stock keeping unit, e.g. ABC-0001';

CREATE TYPE shop.address AS (street text, city text COLLATE "C", zip varchar(10), country char(2));
COMMENT ON TYPE shop.address IS 'Postal address';

CREATE TYPE shop.price_range AS RANGE (subtype = numeric);

CREATE SEQUENCE shop.invoice_no AS integer INCREMENT BY 7 MINVALUE 1000 MAXVALUE 99999 START WITH 1001 CACHE 5 CYCLE;
SELECT setval('shop.invoice_no', 5005, true);
COMMENT ON SEQUENCE shop.invoice_no IS 'Invoice numbers, in steps of seven';
CREATE SEQUENCE shop.countdown AS bigint INCREMENT BY -1 MINVALUE -100 MAXVALUE 100 START WITH 50 NO CYCLE;
SELECT setval('shop.countdown', 42, false);

CREATE TABLE shop.customers (
    customer_id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 10) PRIMARY KEY,
    email shop.email NOT NULL,
    full_name text COLLATE shop.c_copy NOT NULL,
    legacy_code text,
    address shop.address,
    tags text[],
    profile jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    is_active boolean DEFAULT true,
    external_id uuid,
    lucky_numbers integer[],
    CONSTRAINT customers_email_key UNIQUE (email),
    CONSTRAINT customers_external_id_key UNIQUE (external_id) DEFERRABLE INITIALLY IMMEDIATE
);
COMMENT ON TABLE shop.customers IS E'People who buy things.\nThey have ''emails'' and "names".';
COMMENT ON COLUMN shop.customers.email IS 'Unique, case-sensitive';
COMMENT ON CONSTRAINT customers_email_key ON shop.customers IS 'One account per email';
ALTER TABLE shop.customers ALTER COLUMN full_name SET STATISTICS 500;
ALTER TABLE shop.customers ALTER COLUMN tags SET STORAGE EXTERNAL;

CREATE TABLE shop.products (
    product_id serial PRIMARY KEY,
    sku shop.sku NOT NULL,
    name text NOT NULL,
    description text,
    price shop.positive_money,
    price_band shop.price_range,
    weight_kg real,
    rating double precision,
    attributes jsonb,
    photo bytea,
    manual oid,
    location point,
    search tsvector,
    CONSTRAINT products_sku_key UNIQUE (sku),
    CONSTRAINT products_name_check CHECK (name <> '')
) WITH (fillfactor = 80, autovacuum_enabled = false);
COMMENT ON COLUMN shop.products.manual IS 'Large object with the product manual';

CREATE TABLE shop.orders (
    order_id bigint GENERATED BY DEFAULT AS IDENTITY,
    customer_id bigint NOT NULL REFERENCES shop.customers ON DELETE RESTRICT,
    ordered_at timestamptz NOT NULL,
    status shop.order_status NOT NULL DEFAULT 'new',
    total numeric(12, 2) NOT NULL CONSTRAINT orders_total_check CHECK (total >= 0),
    shipping shop.address,
    delivery_window interval,
    note text,
    PRIMARY KEY (order_id, ordered_at)
) PARTITION BY RANGE (ordered_at);
COMMENT ON TABLE shop.orders IS 'Orders, partitioned by year';

CREATE TABLE shop.orders_2022 PARTITION OF shop.orders
    FOR VALUES FROM ('2022-01-01 00:00:00+00') TO ('2023-01-01 00:00:00+00');
CREATE TABLE shop.orders_2023 PARTITION OF shop.orders
    FOR VALUES FROM ('2023-01-01 00:00:00+00') TO ('2024-01-01 00:00:00+00');
CREATE TABLE shop.orders_2024 PARTITION OF shop.orders
    FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00')
    PARTITION BY HASH (order_id);
CREATE TABLE shop.orders_2024_h0 PARTITION OF shop.orders_2024 FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE shop.orders_2024_h1 PARTITION OF shop.orders_2024 FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TABLE shop.orders_other PARTITION OF shop.orders DEFAULT;
CREATE INDEX orders_customer_idx ON shop.orders (customer_id);
CREATE INDEX orders_open_idx ON shop.orders (ordered_at DESC) WHERE status IN ('new', 'paid');

CREATE TABLE shop.order_items (
    order_id bigint NOT NULL,
    ordered_at timestamptz NOT NULL,
    line_no smallint NOT NULL,
    product_id integer NOT NULL,
    quantity integer NOT NULL CHECK (quantity > 0),
    unit_price numeric(12, 2) NOT NULL,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_items_product_fk FOREIGN KEY (product_id) REFERENCES shop.products
        ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE shop.reviews (
    review_id integer GENERATED BY DEFAULT AS IDENTITY (MINVALUE 1 MAXVALUE 1000000 CACHE 10) PRIMARY KEY,
    product_id integer NOT NULL REFERENCES shop.products ON DELETE CASCADE,
    customer_id bigint,
    stars smallint NOT NULL,
    body text,
    helpful_votes bigint DEFAULT 0,
    written_on date NOT NULL
);

CREATE TABLE shop.promotions (
    promo_id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    product_id integer NOT NULL REFERENCES shop.products,
    active tstzrange NOT NULL,
    discount_pct numeric(5, 2) NOT NULL,
    CONSTRAINT promotions_no_overlap EXCLUDE USING gist (active WITH &&) WHERE (discount_pct > 0)
);

CREATE UNLOGGED TABLE shop.cart_sessions (
    session_key uuid PRIMARY KEY,
    customer_id bigint,
    items jsonb,
    touched_at timestamptz
);

-- A table without columns still has rows.
CREATE TABLE shop.heartbeat ();

CREATE TABLE shop.gift_cards (
    card_no bigint NOT NULL,
    balance numeric(10, 2),
    valid_during daterange
);
CREATE SEQUENCE shop.gift_card_no_seq START WITH 900000 OWNED BY shop.gift_cards.card_no;
ALTER TABLE shop.gift_cards ALTER COLUMN card_no SET DEFAULT nextval('shop.gift_card_no_seq');

-- Data ----------------------------------------------------------------------------------------
INSERT INTO shop.customers (email, full_name, legacy_code, address, tags, profile, created_at, is_active, external_id, lucky_numbers)
SELECT 'customer' || i || '@example.com',
       CASE i % 9
           WHEN 0 THEN 'O''Brien ' || i
           WHEN 1 THEN 'Say "hi" ' || i
           WHEN 2 THEN E'Back\\slash ' || i
           WHEN 3 THEN E'Tab\there ' || i
           WHEN 4 THEN E'New\nline ' || i
           WHEN 5 THEN 'Café 中文 😀 ' || i
           WHEN 6 THEN 'Zoë Ærø ' || i
           WHEN 7 THEN ' ' || i
           ELSE 'Plain Name ' || i
       END,
       CASE WHEN i % 3 = 0 THEN 'L' || i END,
       CASE WHEN i % 5 <> 0 THEN ROW(i || ' Main St', CASE WHEN i % 2 = 0 THEN 'Zürich' ELSE 'Lyon' END, lpad(i::text, 5, '0'), 'CH')::shop.address END,
       CASE i % 4
           WHEN 0 THEN ARRAY['vip', NULL, 'has,comma', 'has "quote"']
           WHEN 1 THEN ARRAY[]::text[]
           WHEN 2 THEN NULL
           ELSE ARRAY['{braces}', E'back\\slash', '']
       END,
       jsonb_build_object('newsletter', i % 2 = 0, 'score', i * 1.5, 'nick', 'n''' || i, 'nested', jsonb_build_array(i, NULL, 'x')),
       timestamptz '2021-01-01 00:00:00+00' + i * interval '7 hours 13 minutes 0.25 seconds',
       CASE WHEN i % 7 = 0 THEN NULL ELSE i % 3 <> 0 END,
       md5('customer' || i)::uuid,
       CASE WHEN i % 6 = 0 THEN ARRAY[i, NULL, -i] WHEN i % 6 = 1 THEN NULL ELSE ARRAY[i, i * 2] END
FROM generate_series(1, 600) AS s(i);
-- A dropped column leaves a hole in attnum; the data must still line up.
ALTER TABLE shop.customers DROP COLUMN legacy_code;

INSERT INTO shop.products (sku, name, description, price, price_band, weight_kg, rating, attributes, photo, manual, location, search)
SELECT chr(65 + i % 26) || chr(65 + (i / 26) % 26) || 'X-' || lpad(i::text, 4, '0'),
       'Product ' || i,
       CASE i % 6
           WHEN 0 THEN NULL
           WHEN 1 THEN ''
           WHEN 2 THEN E'Line one\nLine two\r\nLine three'
           WHEN 3 THEN 'Ünïcödé ✓ 日本語'
           WHEN 4 THEN repeat('long text ', 300)
           ELSE 'It''s "great"'
       END,
       round((i * 3.17)::numeric, 2),
       CASE WHEN i % 4 = 0 THEN NULL ELSE shop.price_range(i, i + 10) END,
       CASE i % 10 WHEN 0 THEN NULL WHEN 1 THEN 'NaN'::real WHEN 2 THEN '-0'::real ELSE (i / 7.0)::real END,
       CASE i % 11
           WHEN 0 THEN 'NaN'::float8
           WHEN 1 THEN 'Infinity'::float8
           WHEN 2 THEN '-Infinity'::float8
           WHEN 3 THEN NULL
           WHEN 4 THEN 1e-300
           ELSE i / 3.0
       END,
       CASE WHEN i % 3 = 0 THEN NULL ELSE jsonb_build_object('color', (ARRAY['red', 'green', 'blue'])[1 + i % 3], 'size', i % 5, 'tags', jsonb_build_array('a', 'b')) END,
       CASE WHEN i % 5 = 0 THEN NULL WHEN i % 5 = 1 THEN ''::bytea ELSE decode(md5(i::text) || '00ff5c27', 'hex') END,
       CASE WHEN i = 1 THEN 424242 WHEN i = 2 THEN 424243 END,
       point(i + 0.5, -i),
       to_tsvector('english', 'Product ' || i || ' is a fine thing for running and jumping')
FROM generate_series(1, 200) AS s(i);

INSERT INTO shop.orders (customer_id, ordered_at, status, total, shipping, delivery_window, note)
SELECT 100 + 10 * (i % 600),
       timestamptz '2022-01-01 00:00:00+00' + i * interval '15 hours 37 minutes',
       (ARRAY['new', 'paid', 'shipped', 'delivered', 'returned', 'cancelled']::shop.order_status[])[1 + i % 6],
       round((i * 7.31 % 1000)::numeric, 2),
       CASE WHEN i % 4 = 0 THEN NULL ELSE ROW('Dock ' || i, 'Genève', NULL, 'CH')::shop.address END,
       CASE i % 3 WHEN 0 THEN interval '1 day 02:03:04' WHEN 1 THEN interval '-3 months +5 days' ELSE NULL END,
       CASE i % 5 WHEN 0 THEN E'Leave at door\tplease' WHEN 1 THEN '' WHEN 2 THEN NULL WHEN 3 THEN 'Ring twice ''loudly''' ELSE 'Nota bene: ½ öl' END
FROM generate_series(1, 2500) AS s(i);

INSERT INTO shop.order_items (order_id, ordered_at, line_no, product_id, quantity, unit_price)
SELECT o.order_id, o.ordered_at, l, 1 + (o.order_id * 7 + l) % 200, 1 + (o.order_id + l) % 5, round(((o.order_id + l) % 97 + 0.99)::numeric, 2)
FROM shop.orders o, generate_series(1, 3) AS l
WHERE l <= 1 + o.order_id % 3;

INSERT INTO shop.reviews (product_id, customer_id, stars, body, helpful_votes, written_on)
SELECT 1 + i % 200,
       CASE WHEN i % 10 = 0 THEN NULL ELSE 100 + 10 * (i % 600) END,
       CASE WHEN i % 97 = 0 THEN 0 ELSE 1 + i % 5 END,
       CASE i % 4 WHEN 0 THEN 'Great!' WHEN 1 THEN E'Meh \\o/' WHEN 2 THEN NULL ELSE '👍 très bien' END,
       CASE WHEN i % 2 = 0 THEN 9223372036854775807 - i ELSE i END,
       date '2020-02-29' + i
FROM generate_series(1, 400) AS s(i);
-- Some existing reviews break this rule: it is only enforced for new rows.
ALTER TABLE shop.reviews ADD CONSTRAINT reviews_stars_range CHECK (stars BETWEEN 1 AND 5) NOT VALID;
ALTER TABLE shop.reviews ADD CONSTRAINT reviews_customer_fk FOREIGN KEY (customer_id) REFERENCES shop.customers NOT VALID;

INSERT INTO shop.promotions (product_id, active, discount_pct)
SELECT 1 + i % 200,
       tstzrange(timestamptz '2023-01-01 00:00:00+00' + i * interval '1 day', timestamptz '2023-01-01 00:00:00+00' + (i + 1) * interval '1 day', '[)'),
       CASE WHEN i % 10 = 0 THEN 0 ELSE 5 + i % 20 END
FROM generate_series(1, 120) AS s(i);

INSERT INTO shop.cart_sessions
SELECT md5('cart' || i)::uuid, 100 + 10 * i, jsonb_build_array(i, i + 1), timestamptz '2024-06-01 12:00:00+02' + i * interval '1 minute'
FROM generate_series(1, 50) AS s(i);

INSERT INTO shop.heartbeat DEFAULT VALUES;
INSERT INTO shop.heartbeat DEFAULT VALUES;
INSERT INTO shop.heartbeat DEFAULT VALUES;

INSERT INTO shop.gift_cards (balance, valid_during)
SELECT i * 10, daterange(date '2024-01-01' + i, date '2025-01-01' + i)
FROM generate_series(1, 30) AS s(i);

-- Large objects with fixed OIDs (two loads must be equal), a comment and a grant.
SELECT lo_from_bytea(424242, convert_to(E'Manual of product 1\nwith two lines', 'UTF8'));
SELECT lo_from_bytea(424243, decode(repeat('deadbeef', 5000), 'hex'));
COMMENT ON LARGE OBJECT 424242 IS 'Manual of product 1';

-- Indexes --------------------------------------------------------------------------------------
CREATE INDEX customers_active_created_idx ON shop.customers (created_at) WHERE is_active;
CREATE INDEX customers_lower_email_idx ON shop.customers (lower(email::text) text_pattern_ops);
CREATE INDEX customers_profile_idx ON shop.customers USING gin (profile jsonb_path_ops);
CREATE INDEX customers_tags_idx ON shop.customers USING gin (tags);
CREATE INDEX products_name_incl_idx ON shop.products (name COLLATE "C" DESC NULLS LAST) INCLUDE (price, sku);
CREATE UNIQUE INDEX products_lower_sku_uidx ON shop.products (lower(sku::text)) WITH (fillfactor = 70);
CREATE INDEX products_search_idx ON shop.products USING gin (search);
CREATE INDEX products_price_band_idx ON shop.products USING gist (price_band);
CREATE INDEX reviews_written_brin_idx ON shop.reviews USING brin (written_on) WITH (pages_per_range = 16);
CREATE INDEX reviews_body_hash_idx ON shop.reviews USING hash (body);
COMMENT ON INDEX shop.customers_lower_email_idx IS 'For case-insensitive lookups';
CREATE STATISTICS shop.order_items_product_quantity (ndistinct, dependencies) ON product_id, quantity FROM shop.order_items;
COMMENT ON STATISTICS shop.order_items_product_quantity IS 'Popular products sell in bulk';
CLUSTER shop.reviews USING reviews_pkey;
ALTER TABLE shop.customers REPLICA IDENTITY USING INDEX customers_email_key;
ALTER TABLE shop.promotions REPLICA IDENTITY FULL;

-- Functions, procedures, aggregates, operators, casts -----------------------------------------
CREATE FUNCTION shop.order_total(p_order_id bigint) RETURNS numeric
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(sum(quantity * unit_price), 0) FROM shop.order_items WHERE order_id = p_order_id $$;
COMMENT ON FUNCTION shop.order_total(bigint) IS 'Sum of an order''s lines';

CREATE FUNCTION shop.format_address(a shop.address) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT concat_ws(', ', a.street, a.zip || ' ' || a.city, a.country) $$;

CREATE FUNCTION shop.address_in_city(a shop.address, city text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT a.city = city $$;

CREATE FUNCTION shop.customer_stats(p_customer_id bigint, OUT order_count bigint, OUT spent numeric, VARIADIC statuses shop.order_status[] DEFAULT ARRAY['paid']::shop.order_status[])
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, shop
    AS $body$
DECLARE
    -- A 'quoted' word and a $-sign in the body.
    dollar text := '$1';
BEGIN
    SELECT count(*), coalesce(sum(o.total), 0) INTO order_count, spent
    FROM shop.orders o
    WHERE o.customer_id = p_customer_id AND o.status = ANY (statuses);
END
$body$;
REVOKE ALL ON FUNCTION shop.customer_stats(bigint, shop.order_status[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION shop.customer_stats(bigint, shop.order_status[]) TO sample_reader;

CREATE FUNCTION shop.touch_product() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.name := trim(NEW.name);
    RETURN NEW;
END
$$;

CREATE PROCEDURE shop.cancel_stale_orders(p_before timestamptz, INOUT p_cancelled integer DEFAULT 0)
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE shop.orders SET status = 'cancelled' WHERE status = 'new' AND ordered_at < p_before;
    GET DIAGNOSTICS p_cancelled = ROW_COUNT;
END
$$;
COMMENT ON PROCEDURE shop.cancel_stale_orders(timestamptz, integer) IS 'Cancels orders nobody paid';

CREATE FUNCTION shop.join_sfunc(state text, value text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN value IS NULL THEN state WHEN state = '' THEN value ELSE state || '; ' || value END $$;
CREATE FUNCTION shop.join_final(state text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT '[' || state || ']' $$;
CREATE AGGREGATE shop.semicolon_join(text) (
    SFUNC = shop.join_sfunc,
    STYPE = text,
    FINALFUNC = shop.join_final,
    INITCOND = ''
);
COMMENT ON AGGREGATE shop.semicolon_join(text) IS 'Joins texts with semicolons';
CREATE AGGREGATE shop.product_of(numeric) (SFUNC = numeric_mul, STYPE = numeric, INITCOND = '1');
-- An aggregate over *, written (*) in CREATE and COMMENT, () in GRANT.
CREATE AGGREGATE shop.row_count(*) (SFUNC = int8inc, STYPE = int8, INITCOND = '0');
COMMENT ON AGGREGATE shop.row_count(*) IS 'count(*) under another name';
REVOKE ALL ON FUNCTION shop.row_count() FROM PUBLIC;

-- A CHECK constraint that calls a function of its own table's row type: the function needs the
-- table and the table's constraint needs the function, so the constraint is added on its own.
CREATE TABLE shop.gift_wraps (code text PRIMARY KEY, paper text NOT NULL, price numeric(6, 2));
CREATE FUNCTION shop.gift_wrap_is_sane(w shop.gift_wraps) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT w.code = upper(w.code) AND coalesce(w.price, 0) >= 0 $$;
ALTER TABLE shop.gift_wraps ADD CONSTRAINT gift_wraps_sane CHECK (shop.gift_wrap_is_sane(gift_wraps.*));
COMMENT ON CONSTRAINT gift_wraps_sane ON shop.gift_wraps IS 'Checked by a function of the row';
INSERT INTO shop.gift_wraps VALUES ('RED', 'red paper', 2.50), ('PLAIN', 'brown paper', NULL);

CREATE OPERATOR shop.@@@ (
    LEFTARG = shop.address,
    RIGHTARG = text,
    FUNCTION = shop.address_in_city
);
COMMENT ON OPERATOR shop.@@@ (shop.address, text) IS 'Address is in the city';

CREATE CAST (shop.address AS text) WITH FUNCTION shop.format_address(shop.address);

-- Text search ----------------------------------------------------------------------------------
CREATE TEXT SEARCH DICTIONARY shop.english_simple (TEMPLATE = pg_catalog.simple, STOPWORDS = english, ACCEPT = false);
CREATE TEXT SEARCH CONFIGURATION shop.product_search (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION shop.product_search ALTER MAPPING FOR asciiword WITH shop.english_simple, english_stem;
ALTER TEXT SEARCH CONFIGURATION shop.product_search DROP MAPPING FOR email, url;
COMMENT ON TEXT SEARCH CONFIGURATION shop.product_search IS 'English, without stemming of ASCII words';

-- Views ------------------------------------------------------------------------------------------
CREATE VIEW shop.order_summary AS
SELECT o.order_id, o.ordered_at, c.full_name, o.status, o.total,
       shop.format_address(o.shipping) AS ship_to
FROM shop.orders o
JOIN shop.customers c USING (customer_id);
COMMENT ON VIEW shop.order_summary IS 'One line per order';
COMMENT ON COLUMN shop.order_summary.ship_to IS 'Formatted address';

-- A view that groups by a primary key and shows other columns: it needs the key (functional
-- dependency), which is built after the data.
CREATE VIEW shop.customer_order_counts AS
SELECT c.customer_id, c.full_name, count(o.order_id) AS orders
FROM shop.customers c LEFT JOIN shop.orders o ON o.customer_id = c.customer_id
GROUP BY c.customer_id;

-- A view on a view.
CREATE VIEW shop.big_orders WITH (security_barrier = true) AS
SELECT * FROM shop.order_summary WHERE total > 500::numeric;

CREATE VIEW shop.active_customers AS
SELECT customer_id, email, full_name, is_active FROM shop.customers WHERE is_active
WITH CASCADED CHECK OPTION;

CREATE MATERIALIZED VIEW shop.product_sales AS
SELECT p.product_id, p.sku, count(i.*) AS lines, coalesce(sum(i.quantity), 0) AS units
FROM shop.products p
LEFT JOIN shop.order_items i ON i.product_id = p.product_id
GROUP BY p.product_id, p.sku;
CREATE UNIQUE INDEX product_sales_product_idx ON shop.product_sales (product_id);
COMMENT ON MATERIALIZED VIEW shop.product_sales IS 'Refreshed nightly';

CREATE MATERIALIZED VIEW shop.review_stats AS
SELECT product_id, avg(stars) AS avg_stars FROM shop.reviews GROUP BY product_id
WITH NO DATA;

-- Triggers, rules, row-level security -------------------------------------------------------------
CREATE TRIGGER products_touch BEFORE INSERT OR UPDATE OF name ON shop.products
    FOR EACH ROW EXECUTE FUNCTION shop.touch_product();
ALTER TABLE shop.products DISABLE TRIGGER products_touch;
COMMENT ON TRIGGER products_touch ON shop.products IS 'Trims names (disabled)';

ALTER TABLE shop.customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY customers_active_only ON shop.customers FOR SELECT TO sample_reader USING (is_active);
CREATE POLICY customers_writer ON shop.customers AS RESTRICTIVE FOR UPDATE TO sample_writer, sample_reader
    USING (email::text LIKE '%@example.com') WITH CHECK (full_name <> '');
COMMENT ON POLICY customers_active_only ON shop.customers IS 'Readers see active customers';

ALTER TABLE shop.reviews ENABLE ROW LEVEL SECURITY;
ALTER TABLE shop.reviews FORCE ROW LEVEL SECURITY;
CREATE POLICY reviews_all ON shop.reviews USING (true);

-- Grants ---------------------------------------------------------------------------------------------
GRANT SELECT, INSERT, UPDATE ON shop.orders TO sample_writer;
GRANT SELECT (customer_id, full_name), UPDATE (full_name) ON shop.customers TO sample_writer;
GRANT SELECT ON shop.customers TO sample_reader WITH GRANT OPTION;
-- A grant by a role other than the owner: the ACL records it as the grantor.
SET ROLE sample_reader;
GRANT SELECT ON shop.customers TO sample_writer;
SET ROLE sample_owner;
REVOKE SELECT ON shop.cart_sessions FROM sample_reader;
GRANT USAGE, SELECT ON SEQUENCE shop.invoice_no TO sample_writer;
REVOKE USAGE ON TYPE shop.order_status FROM PUBLIC;
GRANT USAGE ON TYPE shop.order_status TO sample_reader, sample_writer;

RESET ROLE;

-- ---------------------------------------------------------------------------------------------
-- The audit schema: objects owned by the superuser, table inheritance, a rule.
CREATE TABLE audit.events (
    event_id bigserial PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    actor text,
    payload jsonb
);
CREATE TABLE audit.login_events (
    ip inet,
    network cidr,
    mac macaddr,
    success boolean NOT NULL,
    flags bit varying(8)
) INHERITS (audit.events);
COMMENT ON TABLE audit.login_events IS 'Logins, a child of audit.events';
-- A type without binary I/O (aclitem, alone and in an array): its rows travel as text even where
-- the rest goes in binary COPY.
CREATE TABLE audit.grants_seen (
    seen_id integer PRIMARY KEY,
    item aclitem NOT NULL,
    items aclitem[]
);
INSERT INTO audit.grants_seen
SELECT i, ('sample_reader=r' || CASE WHEN i % 2 = 0 THEN 'w' ELSE '' END || '/sample_owner')::aclitem,
       CASE WHEN i % 3 = 0 THEN NULL ELSE ARRAY['sample_writer=a*/sample_owner', '=r/sample_owner']::aclitem[] END
FROM generate_series(1, 20) AS s(i);
CREATE INDEX events_occurred_brin ON audit.events USING brin (occurred_at);
CREATE INDEX login_events_ip_idx ON audit.login_events (ip) WHERE NOT success;

INSERT INTO audit.events (occurred_at, actor, payload)
SELECT timestamptz '2024-03-01 08:00:00+00' + i * interval '90 seconds',
       CASE WHEN i % 4 = 0 THEN NULL ELSE 'user' || (i % 17) END,
       jsonb_build_object('action', CASE WHEN i % 2 = 0 THEN 'update' ELSE 'insert' END, 'n', i, 'quote', E'"\\''', 'null', NULL)
FROM generate_series(1, 700) AS s(i);
INSERT INTO audit.login_events (occurred_at, actor, payload, ip, network, mac, success, flags)
SELECT timestamptz '2024-03-02 08:00:00+00' + i * interval '1 hour',
       'user' || (i % 17),
       NULL,
       ('10.0.' || (i % 256) || '.' || (i % 200))::inet,
       ('192.168.' || (i % 100) || '.0/24')::cidr,
       ('08:00:2b:01:02:' || lpad(to_hex(i % 256), 2, '0'))::macaddr,
       i % 6 <> 0,
       (i % 256)::bit(8)::varbit
FROM generate_series(1, 300) AS s(i);

CREATE FUNCTION audit.log_order() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO audit.events (occurred_at, actor, payload)
    VALUES (NEW.ordered_at, current_user, jsonb_build_object('order', NEW.order_id, 'status', NEW.status));
    RETURN NULL;
END
$$;
CREATE FUNCTION audit.log_statement() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO audit.events (occurred_at, actor, payload)
    VALUES (statement_timestamp(), current_user, jsonb_build_object('table', TG_TABLE_NAME, 'op', TG_OP));
    RETURN NULL;
END
$$;
CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE OF status ON shop.orders
    FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM 'cancelled') EXECUTE FUNCTION audit.log_order();
-- The clones of a partitioned table's trigger on its partitions keep states of their own.
ALTER TABLE shop.orders_2022 DISABLE TRIGGER orders_audit;
ALTER TABLE shop.orders_2024_h1 ENABLE ALWAYS TRIGGER orders_audit;
CREATE CONSTRAINT TRIGGER customers_check_late AFTER UPDATE ON shop.customers
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION audit.log_statement();
CREATE TRIGGER customers_truncate BEFORE TRUNCATE ON shop.customers
    FOR EACH STATEMENT EXECUTE FUNCTION audit.log_statement();
ALTER TABLE shop.customers ENABLE ALWAYS TRIGGER customers_truncate;

CREATE RULE events_no_delete AS ON DELETE TO audit.events DO INSTEAD NOTHING;
COMMENT ON RULE events_no_delete ON audit.events IS 'Audit rows are never deleted';

CREATE VIEW audit.recent_logins AS
SELECT event_id, occurred_at, actor, ip FROM audit.login_events WHERE success
ORDER BY occurred_at DESC LIMIT 100;
CREATE TRIGGER recent_logins_insert INSTEAD OF INSERT ON audit.recent_logins
    FOR EACH ROW EXECUTE FUNCTION audit.log_statement();

GRANT SELECT ON ALL TABLES IN SCHEMA audit TO sample_reader;
ALTER TABLE audit.login_events OWNER TO sample_owner;

-- ---------------------------------------------------------------------------------------------
-- Identifiers that need quoting, owned by sample_writer.
SET ROLE sample_writer;
CREATE TABLE "Mixed Case"."Order Lines" (
    "Id" integer PRIMARY KEY,
    "select" text,
    "Quote""d" text DEFAULT 'it''s',
    "naïve col" numeric(20, 10),
    "UPPER" smallint CHECK ("UPPER" >= 0)
);
COMMENT ON COLUMN "Mixed Case"."Order Lines"."Quote""d" IS 'Column with a " in its name';
CREATE INDEX "Order Lines select idx" ON "Mixed Case"."Order Lines" ("select", "UPPER" DESC);
INSERT INTO "Mixed Case"."Order Lines"
SELECT i, CASE WHEN i % 2 = 0 THEN 'select * from x' END, CASE WHEN i % 3 = 0 THEN NULL ELSE 'q"' || i END,
       i / 7.0, i % 100
FROM generate_series(1, 250) AS s(i);
CREATE VIEW "Mixed Case"."Lines View" AS SELECT "Id", "Quote""d" FROM "Mixed Case"."Order Lines" WHERE "UPPER" > 10;
RESET ROLE;

-- ---------------------------------------------------------------------------------------------
-- Tables as only ALTER makes them, which CREATE TABLE ... INHERITS and PARTITION OF do not give:
-- children whose parent gained a column after them, a child that declares an inherited column
-- itself, a table made on its own and then inherited, one with two parents sharing a column; a
-- partition made with its own column order (and a dropped column), then attached.
SET ROLE sample_owner;
CREATE TABLE shop.notes (note_id integer NOT NULL, body text CONSTRAINT notes_body_check CHECK (body <> ''));
CREATE TABLE shop.tagged (tag text COLLATE "C", note_id integer);
CREATE TABLE shop.order_notes (order_id bigint NOT NULL, body text) INHERITS (shop.notes, shop.tagged);
CREATE TABLE shop.customer_notes (
    customer_id bigint,
    written_on date DEFAULT '2000-01-01',
    body text CONSTRAINT notes_body_check CHECK (body <> ''),
    note_id integer NOT NULL
);
ALTER TABLE shop.notes ADD COLUMN written_on date DEFAULT '2024-01-01';
ALTER TABLE shop.customer_notes INHERIT shop.notes;
COMMENT ON CONSTRAINT notes_body_check ON shop.order_notes IS 'Inherited from notes';
INSERT INTO shop.order_notes (note_id, body, tag, order_id, written_on)
SELECT i, 'order note ' || i, CASE WHEN i % 2 = 0 THEN 'gift' END, i, date '2024-02-01' + i FROM generate_series(1, 20) AS s(i);
INSERT INTO shop.customer_notes (customer_id, body, note_id)
SELECT 100 + 10 * i, 'customer note ' || i, 100 + i FROM generate_series(1, 10) AS s(i);

CREATE TABLE shop.shipments (
    shipment_id integer NOT NULL,
    carrier text NOT NULL,
    shipped_on date,
    weight_kg numeric(8, 3) CHECK (weight_kg > 0)
) PARTITION BY LIST (carrier);
CREATE TABLE shop.shipments_post PARTITION OF shop.shipments FOR VALUES IN ('post');
CREATE TABLE shop.shipments_courier (
    weight_kg numeric(8, 3) CONSTRAINT shipments_weight_kg_check CHECK (weight_kg > 0),
    legacy text,
    shipped_on date DEFAULT '2024-01-01',
    carrier text NOT NULL,
    shipment_id integer NOT NULL
);
ALTER TABLE shop.shipments_courier DROP COLUMN legacy;
ALTER TABLE shop.shipments ATTACH PARTITION shop.shipments_courier FOR VALUES IN ('courier');
INSERT INTO shop.shipments
SELECT i, CASE WHEN i % 3 = 0 THEN 'post' ELSE 'courier' END, date '2024-03-01' + i, i * 0.25 FROM generate_series(1, 30) AS s(i);

-- A typed table, whose type gained an attribute after it.
CREATE TYPE shop.contact AS (name text, phone text, email text);
CREATE TABLE shop.contacts OF shop.contact (
    name WITH OPTIONS NOT NULL,
    phone WITH OPTIONS DEFAULT 'unknown',
    CONSTRAINT contacts_phone_check CHECK (phone <> '')
);
ALTER TYPE shop.contact ADD ATTRIBUTE note text CASCADE;
INSERT INTO shop.contacts VALUES ('Ann', '555-0100', 'ann@example.com', NULL), ('Bob', DEFAULT, NULL, 'no email');

-- Domains over domains: each level has its constraints; a domain copies its base domain's
-- default when it is created and keeps that copy (or none) whatever the base does later.
CREATE DOMAIN shop.rating AS smallint DEFAULT 3 CONSTRAINT rating_range CHECK (VALUE BETWEEN 1 AND 5);
CREATE DOMAIN shop.top_rating AS shop.rating NOT NULL CONSTRAINT top_rating_high CHECK (VALUE >= 4);
ALTER DOMAIN shop.rating SET DEFAULT 2;
CREATE DOMAIN shop.plain_rating AS shop.rating;
ALTER DOMAIN shop.plain_rating DROP DEFAULT;
CREATE TABLE shop.ratings (product_id integer, overall shop.rating, best shop.top_rating, raw shop.plain_rating);
INSERT INTO shop.ratings (product_id, best, raw)
SELECT i, 4 + i % 2, CASE WHEN i % 3 = 0 THEN NULL ELSE 1 + i % 5 END FROM generate_series(1, 10) AS s(i);

-- Column and storage settings: planner options, statistics targets (of a materialized view too),
-- a TOAST table's storage parameter, and a default of a view's column.
ALTER TABLE shop.reviews ALTER COLUMN stars SET (n_distinct = 5);
ALTER TABLE shop.customers ALTER COLUMN is_active SET (n_distinct = 2, n_distinct_inherited = 2);
ALTER MATERIALIZED VIEW shop.product_sales ALTER COLUMN sku SET STATISTICS 200;
ALTER TABLE shop.products SET (toast.autovacuum_vacuum_cost_delay = 23);
ALTER VIEW shop.active_customers ALTER COLUMN is_active SET DEFAULT true;
RESET ROLE;

-- ---------------------------------------------------------------------------------------------
-- What only a superuser creates, then given to sample_owner: base types (their I/O functions are
-- built-in ones in LANGUAGE internal, so no C code is needed), casts without a function, an index
-- access method, operator classes and families.

-- A fixed-length base type passed by value, with the representation of integer.
CREATE TYPE shop.quantity;
CREATE FUNCTION shop.quantity_in(cstring) RETURNS shop.quantity LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'int4in';
CREATE FUNCTION shop.quantity_out(shop.quantity) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'int4out';
CREATE FUNCTION shop.quantity_recv(internal) RETURNS shop.quantity LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'int4recv';
CREATE FUNCTION shop.quantity_send(shop.quantity) RETURNS bytea LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'int4send';
CREATE TYPE shop.quantity (
    INPUT = shop.quantity_in, OUTPUT = shop.quantity_out, RECEIVE = shop.quantity_recv, SEND = shop.quantity_send,
    INTERNALLENGTH = 4, PASSEDBYVALUE, ALIGNMENT = int4, STORAGE = plain, CATEGORY = 'N', DEFAULT = '1'
);
COMMENT ON TYPE shop.quantity IS 'Units of a product';
GRANT USAGE ON TYPE shop.quantity TO sample_writer WITH GRANT OPTION;

-- A variable-length, collatable base type with type modifiers, in a category of its own. No
-- column has this type, so its analyze function (one for text search vectors) is never called.
CREATE TYPE shop.label;
CREATE FUNCTION shop.label_in(cstring, oid, integer) RETURNS shop.label LANGUAGE internal IMMUTABLE STRICT AS 'varcharin';
CREATE FUNCTION shop.label_out(shop.label) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'varcharout';
CREATE FUNCTION shop.label_recv(internal, oid, integer) RETURNS shop.label LANGUAGE internal STABLE STRICT AS 'varcharrecv';
CREATE FUNCTION shop.label_send(shop.label) RETURNS bytea LANGUAGE internal STABLE STRICT AS 'varcharsend';
CREATE FUNCTION shop.label_typmod_in(cstring[]) RETURNS integer LANGUAGE internal IMMUTABLE STRICT AS 'varchartypmodin';
CREATE FUNCTION shop.label_typmod_out(integer) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'varchartypmodout';
CREATE FUNCTION shop.label_analyze(internal) RETURNS boolean LANGUAGE internal STRICT AS 'ts_typanalyze';
CREATE TYPE shop.label (
    INPUT = shop.label_in, OUTPUT = shop.label_out, RECEIVE = shop.label_recv, SEND = shop.label_send,
    TYPMOD_IN = shop.label_typmod_in, TYPMOD_OUT = shop.label_typmod_out, ANALYZE = shop.label_analyze,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = int4, STORAGE = main, CATEGORY = 'Q', PREFERRED = true,
    DELIMITER = ';', DEFAULT = 'none', COLLATABLE = true
);

-- A fixed-length type of two float8 elements, laid out like point, whose elements subscript.
CREATE TYPE shop.pair;
CREATE FUNCTION shop.pair_in(cstring) RETURNS shop.pair LANGUAGE internal IMMUTABLE STRICT AS 'point_in';
CREATE FUNCTION shop.pair_out(shop.pair) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'point_out';
CREATE TYPE shop.pair (INPUT = shop.pair_in, OUTPUT = shop.pair_out, INTERNALLENGTH = 16, ALIGNMENT = double, ELEMENT = float8);

-- A range type whose canonical function takes the range: made, like base types, from a shell.
CREATE TYPE shop.int_span;
CREATE FUNCTION shop.int_span_canonical(shop.int_span) RETURNS shop.int_span LANGUAGE internal IMMUTABLE STRICT AS 'int4range_canonical';
CREATE TYPE shop.int_span AS RANGE (SUBTYPE = integer, CANONICAL = shop.int_span_canonical);

-- Operators, a B-tree operator class in a family of another name, and a loose family member.
CREATE FUNCTION shop.quantity_lt(shop.quantity, shop.quantity) RETURNS boolean LANGUAGE internal IMMUTABLE STRICT AS 'int4lt';
CREATE FUNCTION shop.quantity_le(shop.quantity, shop.quantity) RETURNS boolean LANGUAGE internal IMMUTABLE STRICT AS 'int4le';
CREATE FUNCTION shop.quantity_eq(shop.quantity, shop.quantity) RETURNS boolean LANGUAGE internal IMMUTABLE STRICT AS 'int4eq';
CREATE FUNCTION shop.quantity_ge(shop.quantity, shop.quantity) RETURNS boolean LANGUAGE internal IMMUTABLE STRICT AS 'int4ge';
CREATE FUNCTION shop.quantity_gt(shop.quantity, shop.quantity) RETURNS boolean LANGUAGE internal IMMUTABLE STRICT AS 'int4gt';
CREATE FUNCTION shop.quantity_cmp(shop.quantity, shop.quantity) RETURNS integer LANGUAGE internal IMMUTABLE STRICT AS 'btint4cmp';
CREATE FUNCTION shop.quantity_eq_integer(shop.quantity, integer) RETURNS boolean LANGUAGE internal IMMUTABLE STRICT AS 'int4eq';
CREATE FUNCTION shop.quantity_cmp_integer(shop.quantity, integer) RETURNS integer LANGUAGE internal IMMUTABLE STRICT AS 'btint4cmp';
CREATE OPERATOR shop.< (LEFTARG = shop.quantity, RIGHTARG = shop.quantity, FUNCTION = shop.quantity_lt,
    COMMUTATOR = OPERATOR(shop.>), NEGATOR = OPERATOR(shop.>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR shop.<= (LEFTARG = shop.quantity, RIGHTARG = shop.quantity, FUNCTION = shop.quantity_le,
    COMMUTATOR = OPERATOR(shop.>=), NEGATOR = OPERATOR(shop.>), RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR shop.= (LEFTARG = shop.quantity, RIGHTARG = shop.quantity, FUNCTION = shop.quantity_eq,
    COMMUTATOR = OPERATOR(shop.=), RESTRICT = eqsel, JOIN = eqjoinsel, MERGES);
CREATE OPERATOR shop.>= (LEFTARG = shop.quantity, RIGHTARG = shop.quantity, FUNCTION = shop.quantity_ge,
    COMMUTATOR = OPERATOR(shop.<=), NEGATOR = OPERATOR(shop.<), RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR shop.> (LEFTARG = shop.quantity, RIGHTARG = shop.quantity, FUNCTION = shop.quantity_gt,
    COMMUTATOR = OPERATOR(shop.<), NEGATOR = OPERATOR(shop.<=), RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR shop.= (LEFTARG = shop.quantity, RIGHTARG = integer, FUNCTION = shop.quantity_eq_integer,
    RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR FAMILY shop.quantity_family USING btree;
CREATE OPERATOR CLASS shop.quantity_ops DEFAULT FOR TYPE shop.quantity USING btree FAMILY shop.quantity_family AS
    OPERATOR 1 shop.<, OPERATOR 2 shop.<=, OPERATOR 3 shop.=, OPERATOR 4 shop.>=, OPERATOR 5 shop.>,
    FUNCTION 1 shop.quantity_cmp(shop.quantity, shop.quantity);
ALTER OPERATOR FAMILY shop.quantity_family USING btree ADD
    OPERATOR 3 shop.= (shop.quantity, integer),
    FUNCTION 1 shop.quantity_cmp_integer(shop.quantity, integer);
COMMENT ON OPERATOR FAMILY shop.quantity_family USING btree IS 'Quantities, also against integers';
COMMENT ON OPERATOR CLASS shop.quantity_ops USING btree IS 'Default order of quantities';

-- A domain over the base type, whose check uses its operator.
CREATE DOMAIN shop.small_quantity AS shop.quantity CONSTRAINT small_quantity_limit CHECK (VALUE OPERATOR(shop.<) '1000'::shop.quantity);

-- Casts of every kind: binary coercible both ways, through text I/O, from a domain, with a function (above).
CREATE CAST (shop.quantity AS integer) WITHOUT FUNCTION AS IMPLICIT;
CREATE CAST (integer AS shop.quantity) WITHOUT FUNCTION AS ASSIGNMENT;
CREATE CAST (shop.quantity AS text) WITH INOUT;
CREATE CAST (shop.sku AS shop.label) WITH INOUT AS ASSIGNMENT;
COMMENT ON CAST (shop.quantity AS integer) IS 'Same bits';

-- An index access method of its own (GiST under another name) with a default operator class for
-- points whose family gets the class's name; one operator orders by distance.
CREATE ACCESS METHOD sample_gist TYPE INDEX HANDLER gisthandler;
COMMENT ON ACCESS METHOD sample_gist IS 'GiST under another name';
CREATE OPERATOR CLASS shop.point_ops DEFAULT FOR TYPE point USING sample_gist AS
    OPERATOR 1 <<, OPERATOR 5 >>, OPERATOR 6 ~=, OPERATOR 28 <@ (point, box),
    OPERATOR 15 <-> (point, point) FOR ORDER BY pg_catalog.float_ops,
    FUNCTION 1 gist_point_consistent(internal, point, smallint, oid, internal),
    FUNCTION 2 gist_box_union(internal, internal),
    FUNCTION 3 gist_point_compress(internal),
    FUNCTION 5 gist_box_penalty(internal, internal, internal),
    FUNCTION 6 gist_box_picksplit(internal, internal),
    FUNCTION 7 gist_box_same(box, box, internal),
    FUNCTION 8 gist_point_distance(internal, point, smallint, oid, internal),
    FUNCTION 9 gist_point_fetch(internal),
    STORAGE box;
CREATE INDEX products_location_idx ON shop.products USING sample_gist (location);

-- A table with columns of the base types, indexed with the new operator class.
CREATE TABLE shop.stock (
    product_id integer PRIMARY KEY REFERENCES shop.products,
    on_hand shop.quantity NOT NULL DEFAULT '0',
    reserved shop.small_quantity,
    shelf shop.pair,
    reorder_between shop.int_span
);
INSERT INTO shop.stock
SELECT i, i * 3, CASE WHEN i % 4 = 0 THEN NULL ELSE (i % 50)::shop.quantity END,
       CASE WHEN i % 5 = 0 THEN NULL ELSE ('(' || i % 7 || ',' || i / 2.0 || ')')::shop.pair END,
       CASE WHEN i % 6 = 0 THEN NULL ELSE shop.int_span(i % 10, i % 10 + 5, '[]') END
FROM generate_series(1, 200) AS s(i);
CREATE INDEX stock_on_hand_idx ON shop.stock (on_hand);
-- pg_depend ties the view to the table and the types, not to the cast it parses again.
CREATE VIEW shop.stock_units AS SELECT product_id, on_hand::integer AS units FROM shop.stock;

ALTER TYPE shop.quantity OWNER TO sample_owner;
ALTER TYPE shop.label OWNER TO sample_owner;
ALTER TYPE shop.pair OWNER TO sample_owner;
ALTER TYPE shop.int_span OWNER TO sample_owner;
ALTER DOMAIN shop.small_quantity OWNER TO sample_owner;
ALTER TABLE shop.stock OWNER TO sample_owner;
ALTER VIEW shop.stock_units OWNER TO sample_owner;
ALTER OPERATOR FAMILY shop.quantity_family USING btree OWNER TO sample_owner;
ALTER OPERATOR CLASS shop.quantity_ops USING btree OWNER TO sample_owner;
ALTER OPERATOR FAMILY shop.point_ops USING sample_gist OWNER TO sample_owner;
ALTER OPERATOR CLASS shop.point_ops USING sample_gist OWNER TO sample_owner;
-- The functions and operators above.
DO $owners$
DECLARE
    object text;
BEGIN
    FOR object IN
        SELECT 'FUNCTION ' || p.oid::regprocedure FROM pg_catalog.pg_proc p
        WHERE p.pronamespace = 'shop'::regnamespace AND p.proowner <> 'sample_owner'::regrole
        UNION ALL
        SELECT 'OPERATOR ' || o.oid::regoperator FROM pg_catalog.pg_operator o
        WHERE o.oprnamespace = 'shop'::regnamespace AND o.oprowner <> 'sample_owner'::regrole
    LOOP
        EXECUTE 'ALTER ' || object || ' OWNER TO sample_owner';
    END LOOP;
END
$owners$;

-- Objects only a superuser creates; built-in functions stand in for the C ones they usually need.

-- A trusted language on plpgsql's handlers, with an owner, a grant and a comment; an untrusted one
-- with a handler only; a transform for the first, and a function the transform applies to.
CREATE TRUSTED LANGUAGE shop_pl HANDLER plpgsql_call_handler INLINE plpgsql_inline_handler VALIDATOR plpgsql_validator;
ALTER LANGUAGE shop_pl OWNER TO sample_owner;
REVOKE USAGE ON LANGUAGE shop_pl FROM PUBLIC;
GRANT USAGE ON LANGUAGE shop_pl TO sample_writer;
COMMENT ON LANGUAGE shop_pl IS 'PL/pgSQL under another name';
CREATE LANGUAGE shop_untrusted_pl HANDLER plpgsql_call_handler;
CREATE TRANSFORM FOR integer LANGUAGE shop_pl (
    FROM SQL WITH FUNCTION prsd_lextype(internal),
    TO SQL WITH FUNCTION int4recv(internal));
COMMENT ON TRANSFORM FOR integer LANGUAGE shop_pl IS 'Never called: shop_pl functions do not ask for it';
CREATE FUNCTION shop.pl_double(x integer) RETURNS integer
    LANGUAGE shop_pl IMMUTABLE
    AS $$ BEGIN RETURN x * 2; END $$;

-- Encoding conversions, one of them the default of its schema for its pair of encodings.
CREATE CONVERSION shop.latin1_to_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
ALTER CONVERSION shop.latin1_to_utf8 OWNER TO sample_owner;
COMMENT ON CONVERSION shop.latin1_to_utf8 IS 'The built-in one, again';
CREATE DEFAULT CONVERSION shop.utf8_to_latin1 FOR 'UTF8' TO 'LATIN1' FROM utf8_to_iso8859_1;

-- A text search parser and templates, and a dictionary and configuration that use them.
CREATE TEXT SEARCH PARSER shop.plain_parser (
    START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype, HEADLINE = prsd_headline);
COMMENT ON TEXT SEARCH PARSER shop.plain_parser IS 'The default parser under another name';
CREATE TEXT SEARCH TEMPLATE shop.plain_template (INIT = dsimple_init, LEXIZE = dsimple_lexize);
COMMENT ON TEXT SEARCH TEMPLATE shop.plain_template IS 'The simple template under another name';
CREATE TEXT SEARCH TEMPLATE shop.lexize_only (LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH DICTIONARY shop.plain_dictionary (TEMPLATE = shop.plain_template, ACCEPT = true);
CREATE TEXT SEARCH CONFIGURATION shop.plain_search (PARSER = shop.plain_parser);
ALTER TEXT SEARCH CONFIGURATION shop.plain_search ADD MAPPING FOR asciiword, word WITH shop.plain_dictionary;

-- Publications of tables with a replica identity (of a parent only, not its child), and of every
-- table's inserts (updates of tables without a replica identity must still work).
CREATE PUBLICATION sample_customers FOR TABLE shop.customers, ONLY audit.events, "Mixed Case"."Order Lines"
    WITH (publish = 'insert, update');
ALTER PUBLICATION sample_customers OWNER TO sample_owner;
COMMENT ON PUBLICATION sample_customers IS 'Customers and what they did';
CREATE PUBLICATION sample_all_inserts FOR ALL TABLES WITH (publish = 'insert');

-- Event triggers that write nothing and block nothing: the sample is loaded where DDL must go on.
CREATE FUNCTION audit.note_ddl() RETURNS event_trigger
    LANGUAGE plpgsql
    AS $$ BEGIN RAISE DEBUG 'DDL: %', tg_tag; END $$;
CREATE EVENT TRIGGER sample_note_tables ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE')
    EXECUTE FUNCTION audit.note_ddl();
ALTER EVENT TRIGGER sample_note_tables ENABLE ALWAYS;
COMMENT ON EVENT TRIGGER sample_note_tables IS 'Notes table DDL';
CREATE EVENT TRIGGER sample_note_drops ON sql_drop EXECUTE FUNCTION audit.note_ddl();
ALTER EVENT TRIGGER sample_note_drops DISABLE;

-- The whole sample loads in one transaction: check the deferred foreign keys now, so that the
-- parts for newer majors may alter these tables.
SET CONSTRAINTS ALL IMMEDIATE;
