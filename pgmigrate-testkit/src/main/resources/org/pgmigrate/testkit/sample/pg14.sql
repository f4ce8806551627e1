-- The sample shop, additions for PostgreSQL 14 and later.
SET ROLE sample_owner;

-- SQL-standard function bodies: parsed at creation, they depend on the tables they use.
CREATE FUNCTION shop.with_tax(amount numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    RETURN round(amount * 1.077, 2);
-- pgjdbc splits statements at semicolons it does not know to be quoted, and it does not know
-- BEGIN ATOMIC, so the definition goes through a dollar-quoted EXECUTE.
DO $do$
BEGIN
    EXECUTE $def$
CREATE FUNCTION shop.customer_order_count(p_customer_id bigint) RETURNS bigint
    LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT count(*) FROM shop.orders WHERE customer_id = p_customer_id;
END
$def$;
END
$do$;

-- A procedure with an OUT parameter.
CREATE PROCEDURE shop.double_it(IN a integer, OUT b integer)
    LANGUAGE plpgsql
    AS $$ BEGIN b := a * 2; END $$;

-- Multiranges: the built-in one and the one every range type gets.
ALTER TABLE shop.promotions ADD COLUMN blackout tstzmultirange;
UPDATE shop.promotions
SET blackout = tstzmultirange(
        tstzrange(lower(active), lower(active) + interval '1 hour'),
        tstzrange(upper(active) - interval '1 hour', upper(active)))
WHERE promo_id % 3 = 0;
ALTER TABLE shop.products ADD COLUMN price_bands shop.price_multirange;
UPDATE shop.products SET price_bands = shop.price_multirange(price_band, shop.price_range(1000, 2000))
WHERE price_band IS NOT NULL AND product_id % 2 = 0;


-- A column compressed otherwise than the server's default (lz4 needs a server built with it).
ALTER TABLE shop.products ALTER COLUMN description SET COMPRESSION pglz;
RESET ROLE;

-- A base type with a subscripting handler of its choice (14+): jsonb under another name. Only a
-- superuser creates base types.
CREATE TYPE shop.document;
CREATE FUNCTION shop.document_in(cstring) RETURNS shop.document LANGUAGE internal IMMUTABLE STRICT AS 'jsonb_in';
CREATE FUNCTION shop.document_out(shop.document) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'jsonb_out';
CREATE TYPE shop.document (
    INPUT = shop.document_in, OUTPUT = shop.document_out,
    INTERNALLENGTH = VARIABLE, STORAGE = extended, SUBSCRIPT = jsonb_subscript_handler
);
ALTER FUNCTION shop.document_in(cstring) OWNER TO sample_owner;
ALTER FUNCTION shop.document_out(shop.document) OWNER TO sample_owner;
ALTER TYPE shop.document OWNER TO sample_owner;
ALTER TABLE shop.stock ADD COLUMN details shop.document;
UPDATE shop.stock SET details = ('{"bin": ' || product_id || ', "tags": ["a", null]}')::shop.document WHERE product_id % 3 = 0;

-- A partitioned table published through its root (13+).
CREATE PUBLICATION sample_orders FOR TABLE shop.orders WITH (publish = 'insert, truncate', publish_via_partition_root = true);
