package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pgmigrate.Migration;
import org.pgmigrate.VerificationDifference;
import org.pgmigrate.VerificationReport;
import org.pgmigrate.testkit.SampleDatabase;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * Verification compares what the catalogs of both sides say, not how the engine wrote it: after a
 * migration of the sample, one change on the target, of any kind of object and of any of its
 * properties, makes verification name that object, and nothing else.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerificationCoverageIT {
    private TestDatabase source;
    private TestDatabase target;

    @BeforeAll
    void migrateTheSample(@Pg(instance = "source", sample = true) TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        this.source = source;
        this.target = target;
        SampleDatabase.createRoles(target);
        // verification is on by default: the migration itself proves the copy equal
        Migration.from(source.endpoint()).to(target.endpoint()).jobs(2).execute();
    }

    @Test
    void theCopyIsEqual() {
        VerificationReport report = verify();
        assertThat(report.differences()).isEmpty();
        assertThat(report.notes()).noneMatch(n -> n.contains("not compared"));
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                // a table whose privileges name neither role: a change of owner renames the owner's grants
                change("a table's owner", "ALTER TABLE shop.heartbeat OWNER TO sample_writer", "ALTER TABLE shop.heartbeat OWNER TO sample_owner",
                        "table shop.heartbeat", "relowner"),
                change("a table's privileges", "GRANT DELETE ON shop.products TO sample_reader", "REVOKE DELETE ON shop.products FROM sample_reader",
                        "table shop.products", "relacl"),
                // the owner's built-in privileges, then spelled out again by the undo (which must compare as the built-in ones)
                change("a privilege its owner lost", "REVOKE TRUNCATE ON shop.heartbeat FROM sample_owner",
                        "GRANT TRUNCATE ON shop.heartbeat TO sample_owner", "table shop.heartbeat", "relacl"),
                change("a table's storage parameter", "ALTER TABLE shop.order_items SET (fillfactor = 70)", "ALTER TABLE shop.order_items RESET (fillfactor)",
                        "table shop.order_items", "reloptions"),
                change("a table's replica identity", "ALTER TABLE shop.promotions REPLICA IDENTITY DEFAULT",
                        "ALTER TABLE shop.promotions REPLICA IDENTITY FULL", "table shop.promotions", "relreplident"),
                change("row-level security", "ALTER TABLE shop.reviews NO FORCE ROW LEVEL SECURITY", "ALTER TABLE shop.reviews FORCE ROW LEVEL SECURITY",
                        "table shop.reviews", "relforcerowsecurity"),
                change("a table's comment", "COMMENT ON TABLE shop.orders IS 'changed'", "COMMENT ON TABLE shop.orders IS 'Orders, partitioned by year'",
                        "table shop.orders", "comment"),
                change("a column's comment", "COMMENT ON COLUMN shop.customers.email IS 'changed'",
                        "COMMENT ON COLUMN shop.customers.email IS 'Unique, case-sensitive'", "table column shop.customers.email", "comment"),
                change("a column's default", "ALTER TABLE shop.gift_cards ALTER COLUMN card_no SET DEFAULT 7",
                        "ALTER TABLE shop.gift_cards ALTER COLUMN card_no SET DEFAULT nextval('shop.gift_card_no_seq')",
                        "table column shop.gift_cards.card_no", "default"),
                change("a column's statistics target", "ALTER TABLE shop.customers ALTER COLUMN full_name SET STATISTICS 50",
                        "ALTER TABLE shop.customers ALTER COLUMN full_name SET STATISTICS 500", "table column shop.customers.full_name", "attstattarget"),
                change("a column's privileges", "REVOKE UPDATE (full_name) ON shop.customers FROM sample_writer",
                        "GRANT UPDATE (full_name) ON shop.customers TO sample_writer", "table column shop.customers.full_name", "attacl"),
                change("a column's options", "ALTER TABLE shop.reviews ALTER COLUMN stars SET (n_distinct = 7)",
                        "ALTER TABLE shop.reviews ALTER COLUMN stars SET (n_distinct = 5)", "table column shop.reviews.stars", "attoptions"),
                change("a column's compression", "ALTER TABLE shop.products ALTER COLUMN description SET COMPRESSION default",
                        "ALTER TABLE shop.products ALTER COLUMN description SET COMPRESSION pglz", "table column shop.products.description",
                        "attcompression"),
                change("a view column's default", "ALTER VIEW shop.active_customers ALTER COLUMN is_active DROP DEFAULT",
                        "ALTER VIEW shop.active_customers ALTER COLUMN is_active SET DEFAULT true", "view column shop.active_customers.is_active",
                        "missing on the target"),
                change("a TOAST table's storage parameter", "ALTER TABLE shop.products SET (toast.autovacuum_vacuum_cost_delay = 24)",
                        "ALTER TABLE shop.products SET (toast.autovacuum_vacuum_cost_delay = 23)", "table shop.products", "toast"),
                change("a sequence's persistence", "ALTER SEQUENCE shop.cart_no SET LOGGED", "ALTER SEQUENCE shop.cart_no SET UNLOGGED",
                        "sequence shop.cart_no", "relpersistence"),
                change("a domain's default", "ALTER DOMAIN shop.plain_rating SET DEFAULT 1", "ALTER DOMAIN shop.plain_rating DROP DEFAULT",
                        "type shop.plain_rating", "typdefault"),
                change("a column's NOT NULL", "ALTER TABLE shop.customers ALTER COLUMN full_name DROP NOT NULL",
                        "ALTER TABLE shop.customers ALTER COLUMN full_name SET NOT NULL", "table column shop.customers.full_name", "attnotnull"),
                change("a check constraint", "ALTER TABLE shop.reviews DROP CONSTRAINT reviews_stars_range;"
                        + " ALTER TABLE shop.reviews ADD CONSTRAINT reviews_stars_range CHECK (stars BETWEEN 1 AND 6) NOT VALID",
                        "ALTER TABLE shop.reviews DROP CONSTRAINT reviews_stars_range;"
                        + " ALTER TABLE shop.reviews ADD CONSTRAINT reviews_stars_range CHECK (stars BETWEEN 1 AND 5) NOT VALID",
                        "table constraint reviews_stars_range on shop.reviews", "conbin"),
                change("a foreign key's deferrability", "ALTER TABLE shop.reviews ALTER CONSTRAINT reviews_customer_fk DEFERRABLE",
                        "ALTER TABLE shop.reviews ALTER CONSTRAINT reviews_customer_fk NOT DEFERRABLE",
                        "table constraint reviews_customer_fk on shop.reviews", "condeferrable"),
                change("a domain's constraint", "ALTER DOMAIN shop.sku DROP CONSTRAINT sku_length",
                        "ALTER DOMAIN shop.sku ADD CONSTRAINT sku_length CHECK (length(VALUE) = 8)",
                        "domain constraint sku_length on shop.sku", "missing on the target"),
                change("an index", "DROP INDEX shop.customers_active_created_idx; CREATE INDEX customers_active_created_idx ON shop.customers (created_at DESC) WHERE is_active",
                        "DROP INDEX shop.customers_active_created_idx; CREATE INDEX customers_active_created_idx ON shop.customers (created_at) WHERE is_active",
                        "index shop.customers_active_created_idx", "DESC"),
                change("an index's comment", "COMMENT ON INDEX shop.customers_lower_email_idx IS NULL",
                        "COMMENT ON INDEX shop.customers_lower_email_idx IS 'For case-insensitive lookups'", "index shop.customers_lower_email_idx", "comment"),
                change("a view's definition", "CREATE OR REPLACE VIEW shop.active_customers AS SELECT customer_id, email, full_name, is_active"
                        + " FROM shop.customers WHERE is_active AND customer_id > 0 WITH CASCADED CHECK OPTION",
                        "CREATE OR REPLACE VIEW shop.active_customers AS SELECT customer_id, email, full_name, is_active FROM shop.customers WHERE is_active"
                        + " WITH CASCADED CHECK OPTION",
                        "view shop.active_customers", "customer_id > 0"),
                change("a function's body", "CREATE OR REPLACE FUNCTION shop.order_total(p_order_id bigint) RETURNS numeric LANGUAGE sql STABLE PARALLEL SAFE"
                        + " AS $f$ SELECT coalesce(sum(quantity * unit_price), 1) FROM shop.order_items WHERE order_id = p_order_id $f$",
                        "CREATE OR REPLACE FUNCTION shop.order_total(p_order_id bigint) RETURNS numeric LANGUAGE sql STABLE PARALLEL SAFE"
                        + " AS $f$ SELECT coalesce(sum(quantity * unit_price), 0) FROM shop.order_items WHERE order_id = p_order_id $f$",
                        "function shop.order_total(bigint)", "prosrc"),
                change("a function's volatility", "ALTER FUNCTION shop.order_total(bigint) VOLATILE", "ALTER FUNCTION shop.order_total(bigint) STABLE",
                        "function shop.order_total(bigint)", "provolatile"),
                change("a function's privileges", "REVOKE EXECUTE ON FUNCTION shop.customer_stats(bigint, shop.order_status[]) FROM sample_reader",
                        "GRANT EXECUTE ON FUNCTION shop.customer_stats(bigint, shop.order_status[]) TO sample_reader",
                        "function shop.customer_stats(bigint,shop.order_status[])", "proacl"),
                change("an aggregate's owner", "ALTER AGGREGATE shop.semicolon_join(text) OWNER TO sample_writer",
                        "ALTER AGGREGATE shop.semicolon_join(text) OWNER TO sample_owner", "aggregate shop.semicolon_join(pg_catalog.text)", "proowner"),
                change("a trigger's state", "ALTER TABLE shop.products ENABLE TRIGGER products_touch", "ALTER TABLE shop.products DISABLE TRIGGER products_touch",
                        "trigger products_touch on shop.products", "tgenabled"),
                change("a rule's comment", "COMMENT ON RULE events_no_delete ON audit.events IS 'changed'",
                        "COMMENT ON RULE events_no_delete ON audit.events IS 'Audit rows are never deleted'", "rule events_no_delete on audit.events", "comment"),
                change("a policy's expression", "ALTER POLICY customers_active_only ON shop.customers USING (NOT is_active)",
                        "ALTER POLICY customers_active_only ON shop.customers USING (is_active)", "policy customers_active_only on shop.customers", "polqual"),
                change("a policy's roles", "ALTER POLICY customers_active_only ON shop.customers TO sample_writer",
                        "ALTER POLICY customers_active_only ON shop.customers TO sample_reader", "policy customers_active_only on shop.customers", "polroles"),
                change("a sequence's options", "ALTER SEQUENCE shop.invoice_no INCREMENT BY 3", "ALTER SEQUENCE shop.invoice_no INCREMENT BY 7",
                        "sequence shop.invoice_no", "seqincrement"),
                change("a composite type's attribute", "COMMENT ON COLUMN shop.address.zip IS 'changed'", "COMMENT ON COLUMN shop.address.zip IS NULL",
                        "composite type column shop.address.zip", "comment"),
                change("a type's privileges", "REVOKE USAGE ON TYPE shop.order_status FROM sample_writer",
                        "GRANT USAGE ON TYPE shop.order_status TO sample_writer", "type shop.order_status", "typacl"),
                change("an operator's owner", "ALTER OPERATOR shop.@@@ (shop.address, text) OWNER TO sample_writer",
                        "ALTER OPERATOR shop.@@@ (shop.address, text) OWNER TO sample_owner", "operator shop.@@@(shop.address,pg_catalog.text)", "oprowner"),
                change("a cast's context", "DROP CAST (shop.address AS text); CREATE CAST (shop.address AS text) WITH FUNCTION shop.format_address(shop.address) AS ASSIGNMENT",
                        "DROP CAST (shop.address AS text); CREATE CAST (shop.address AS text) WITH FUNCTION shop.format_address(shop.address)",
                        "cast (shop.address AS pg_catalog.text)", "castcontext"),
                change("a collation's owner", "ALTER COLLATION shop.c_copy OWNER TO sample_writer", "ALTER COLLATION shop.c_copy OWNER TO sample_owner",
                        "collation shop.c_copy", "collowner"),
                change("a text search configuration's mapping", "ALTER TEXT SEARCH CONFIGURATION shop.product_search ALTER MAPPING FOR asciiword WITH english_stem",
                        "ALTER TEXT SEARCH CONFIGURATION shop.product_search ALTER MAPPING FOR asciiword WITH shop.english_simple, english_stem",
                        "text search configuration shop.product_search", "mapping"),
                change("a text search dictionary's options", "ALTER TEXT SEARCH DICTIONARY shop.english_simple (ACCEPT = true)",
                        "ALTER TEXT SEARCH DICTIONARY shop.english_simple (ACCEPT = false)", "text search dictionary shop.english_simple", "dictinitoption"),
                change("a statistics object's target", "ALTER STATISTICS shop.order_items_product_quantity SET STATISTICS 50",
                        "ALTER STATISTICS shop.order_items_product_quantity SET STATISTICS -1", "statistics object shop.order_items_product_quantity",
                        "stxstattarget"),
                change("a schema's owner", "ALTER SCHEMA audit OWNER TO sample_writer", "ALTER SCHEMA audit OWNER TO sample_owner", "schema audit", "nspowner"),
                change("a schema's privileges", "REVOKE USAGE ON SCHEMA audit FROM sample_reader", "GRANT USAGE ON SCHEMA audit TO sample_reader",
                        "schema audit", "nspacl"),
                change("the public schema's comment", "COMMENT ON SCHEMA public IS 'changed'", "COMMENT ON SCHEMA public IS 'standard public schema'",
                        "schema public", "comment"),
                change("default privileges", "ALTER DEFAULT PRIVILEGES FOR ROLE sample_owner IN SCHEMA shop GRANT INSERT ON TABLES TO sample_reader",
                        "ALTER DEFAULT PRIVILEGES FOR ROLE sample_owner IN SCHEMA shop REVOKE INSERT ON TABLES FROM sample_reader",
                        "default acl for role sample_owner in schema shop on tables", "defaclacl"),
                change("an extension's comment", "COMMENT ON EXTENSION pgcrypto IS 'changed'", "COMMENT ON EXTENSION pgcrypto IS 'cryptographic functions'",
                        "extension pgcrypto", "comment"),
                change("an extension member's privileges", "GRANT EXECUTE ON FUNCTION ext.gen_random_uuid() TO sample_reader",
                        "REVOKE EXECUTE ON FUNCTION ext.gen_random_uuid() FROM sample_reader", "function ext.gen_random_uuid()", "privileges"),
                change("a large object's owner", "ALTER LARGE OBJECT 424243 OWNER TO sample_writer", "ALTER LARGE OBJECT 424243 OWNER TO sample_owner",
                        "large object 424243", "lomowner"),
                change("a large object's privileges", "GRANT SELECT ON LARGE OBJECT 424243 TO sample_reader",
                        "REVOKE SELECT ON LARGE OBJECT 424243 FROM sample_reader", "large object 424243", "lomacl"),
                change("a database setting", "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET work_mem = %L', current_database(), '16MB'); END $$",
                        "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET work_mem = %L', current_database(), '8MB'); END $$",
                        "database", "setconfig"),
                change("a role's setting in the database",
                        "DO $$ BEGIN EXECUTE format('ALTER ROLE sample_reader IN DATABASE %I SET statement_timeout = %L', current_database(), '6s'); END $$",
                        "DO $$ BEGIN EXECUTE format('ALTER ROLE sample_reader IN DATABASE %I SET statement_timeout = %L', current_database(), '5s'); END $$",
                        "database", "sample_reader"),
                change("a base type's property", "ALTER TYPE shop.label SET (ANALYZE = NONE)", "ALTER TYPE shop.label SET (ANALYZE = shop.label_analyze)",
                        "type shop.label", "typanalyze"),
                change("an operator family's member", "ALTER OPERATOR FAMILY shop.quantity_family USING btree DROP FUNCTION 1 (shop.quantity, integer)",
                        "ALTER OPERATOR FAMILY shop.quantity_family USING btree ADD FUNCTION 1 (shop.quantity, integer)"
                        + " shop.quantity_cmp_integer(shop.quantity, integer)",
                        "operator family shop.quantity_family USING btree", "missing on the target"),
                change("an operator class's comment", "COMMENT ON OPERATOR CLASS shop.quantity_ops USING btree IS 'changed'",
                        "COMMENT ON OPERATOR CLASS shop.quantity_ops USING btree IS 'Default order of quantities'",
                        "operator class shop.quantity_ops USING btree", "comment"),
                change("an access method's comment", "COMMENT ON ACCESS METHOD sample_gist IS NULL",
                        "COMMENT ON ACCESS METHOD sample_gist IS 'GiST under another name'", "access method sample_gist", "comment"),
                change("a language's privileges", "REVOKE USAGE ON LANGUAGE shop_pl FROM sample_writer", "GRANT USAGE ON LANGUAGE shop_pl TO sample_writer",
                        "language shop_pl", "lanacl"),
                change("a transform's comment", "COMMENT ON TRANSFORM FOR integer LANGUAGE shop_pl IS 'changed'",
                        "COMMENT ON TRANSFORM FOR integer LANGUAGE shop_pl IS 'Never called: shop_pl functions do not ask for it'",
                        "transform for integer language shop_pl", "comment"),
                change("a conversion's owner", "ALTER CONVERSION shop.latin1_to_utf8 OWNER TO sample_writer",
                        "ALTER CONVERSION shop.latin1_to_utf8 OWNER TO sample_owner", "conversion shop.latin1_to_utf8", "conowner"),
                change("an event trigger's state", "ALTER EVENT TRIGGER sample_note_drops ENABLE", "ALTER EVENT TRIGGER sample_note_drops DISABLE",
                        "event trigger sample_note_drops", "evtenabled"),
                change("a publication's options", "ALTER PUBLICATION sample_customers SET (publish = 'insert')",
                        "ALTER PUBLICATION sample_customers SET (publish = 'insert, update')", "publication sample_customers", "pubupdate"),
                change("a publication's table", "ALTER PUBLICATION sample_customers DROP TABLE \"Mixed Case\".\"Order Lines\"",
                        "ALTER PUBLICATION sample_customers ADD TABLE \"Mixed Case\".\"Order Lines\"",
                        "publication relation \"Mixed Case\".\"Order Lines\" in publication sample_customers", "missing on the target"),
                change("a text search parser's comment", "COMMENT ON TEXT SEARCH PARSER shop.plain_parser IS NULL",
                        "COMMENT ON TEXT SEARCH PARSER shop.plain_parser IS 'The default parser under another name'",
                        "text search parser shop.plain_parser", "comment"),
                change("a text search template's comment", "COMMENT ON TEXT SEARCH TEMPLATE shop.plain_template IS NULL",
                        "COMMENT ON TEXT SEARCH TEMPLATE shop.plain_template IS 'The simple template under another name'",
                        "text search template shop.plain_template", "comment"),
                change("a system column's privileges", "GRANT SELECT (rolsuper) ON pg_catalog.pg_authid TO sample_writer",
                        "REVOKE SELECT (rolsuper) ON pg_catalog.pg_authid FROM sample_writer", "table column pg_catalog.pg_authid.rolsuper", "attacl"),
                change("a system function's privileges", "GRANT EXECUTE ON FUNCTION pg_catalog.pg_conf_load_time() TO sample_writer",
                        "REVOKE EXECUTE ON FUNCTION pg_catalog.pg_conf_load_time() FROM sample_writer",
                        "function pg_catalog.pg_conf_load_time()", "proacl"),
                change("an extension member's privileges", "REVOKE EXECUTE ON FUNCTION ext.gen_random_bytes(integer) FROM sample_reader",
                        "GRANT EXECUTE ON FUNCTION ext.gen_random_bytes(integer) TO sample_reader",
                        "function ext.gen_random_bytes(integer)", "proacl"),
                change("a trigger's state on a partition", "ALTER TABLE shop.orders_2023 DISABLE TRIGGER orders_audit",
                        "ALTER TABLE shop.orders_2023 ENABLE TRIGGER orders_audit", "trigger orders_audit on shop.orders_2023", "tgenabled"),
                change("the database's comment", "DO $$ BEGIN EXECUTE format('COMMENT ON DATABASE %I IS %L', current_database(), 'changed'); END $$",
                        "DO $$ BEGIN EXECUTE format('COMMENT ON DATABASE %I IS %L', current_database(), 'The pgmigrate sample shop'); END $$",
                        "database", "comment"));
    }

    @Test
    void builtInPrivilegesSpelledOutInAnotherOrderAreTheSame() {
        // from none recorded (the built-in PUBLIC and owner items) to the owner's item first, then PUBLIC's
        target.execute("REVOKE EXECUTE ON FUNCTION shop.order_total(bigint) FROM PUBLIC");
        target.execute("GRANT EXECUTE ON FUNCTION shop.order_total(bigint) TO PUBLIC");
        assertThat(target.queryValue("SELECT proacl::text FROM pg_proc WHERE oid = 'shop.order_total(bigint)'::regprocedure"))
                .matches("\\{\\w+=X/\\w+,=X/\\w+}");
        assertThat(source.queryValue("SELECT proacl IS NULL FROM pg_proc WHERE oid = 'shop.order_total(bigint)'::regprocedure")).isEqualTo("t");

        assertThat(verify().differences()).isEmpty();
    }

    private static Arguments change(String what, String change, String undo, String object, String detail) {
        return Arguments.of(what, change, undo, object, detail);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aChangeIsNamedAlone(String what, String change, String undo, String object, String detail) {
        target.execute(change);
        try {
            VerificationReport report = verify();
            assertThat(report.differences()).as(what).singleElement().satisfies(d -> {
                assertThat(d.kind()).isEqualTo(VerificationDifference.Kind.SCHEMA);
                assertThat(d.object()).isEqualTo(object);
                assertThat(d.detail()).contains(detail);
            });
        } finally {
            // the cases share the target: each leaves it as the migration made it
            target.execute(undo);
        }
    }

    private VerificationReport verify() {
        return Migration.from(source.endpoint()).to(target.endpoint()).verify();
    }
}
