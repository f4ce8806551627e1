-- The sample shop, additions for PostgreSQL 15 and later.
SET ROLE sample_owner;

-- NULLS NOT DISTINCT: at most one row may have a NULL region per code.
CREATE TABLE shop.coupons (
    code text NOT NULL,
    region text,
    percent_off smallint,
    CONSTRAINT coupons_code_region_key UNIQUE NULLS NOT DISTINCT (code, region)
);
CREATE UNIQUE INDEX coupons_percent_idx ON shop.coupons (percent_off) NULLS NOT DISTINCT WHERE region IS NULL;
INSERT INTO shop.coupons
SELECT 'SAVE' || i, CASE WHEN i % 3 = 0 THEN NULL ELSE 'EU' END, CASE WHEN i % 3 = 0 THEN i END
FROM generate_series(1, 60) AS s(i);

-- A view that checks permissions as the caller.
CREATE VIEW shop.coupon_codes WITH (security_invoker = true) AS
SELECT code, region FROM shop.coupons;

RESET ROLE;

-- A column list and a row filter, and a whole schema (15+).
CREATE PUBLICATION sample_coupons FOR TABLE shop.coupons (code, region) WHERE (region IS NOT NULL AND code <> '')
    WITH (publish = 'insert');
ALTER PUBLICATION sample_coupons OWNER TO sample_owner;
CREATE PUBLICATION sample_audit FOR TABLES IN SCHEMA audit WITH (publish = 'insert, truncate');
COMMENT ON PUBLICATION sample_audit IS 'Everything audited';
