package org.pgmigrate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * The equivalence assertion passes for two loads of the sample on two servers and fails, naming
 * the object, for each kind of change made to the target.
 */
@ExtendWith(PostgresExtension.class)
class DatabaseAssertionsIT {
    private static TestDatabase source;

    @BeforeAll
    static void loadSource(@Pg(value = 17, instance = "source", sample = true) TestDatabase db) {
        source = db;
    }

    @Test
    void passesForTwoLoadsOfTheSampleOnDifferentServers(@Pg(value = 17, sample = true) TestDatabase target) {
        assertThat(target.server().port()).isNotEqualTo(source.server().port());

        assertThatDatabase(target).isEquivalentTo(source);
    }

    @Test
    void passesForDatabasesWhoseOidsDiffer(@Pg(17) TestDatabase target) {
        // Objects created and dropped first push every OID of the second load elsewhere.
        target.execute("CREATE TABLE pad AS SELECT 1 AS x; DROP TABLE pad; CREATE TYPE t AS (a int); DROP TYPE t;");
        SampleDatabase.load(target);

        assertThat(oidOf(target, "shop.customers")).isNotEqualTo(oidOf(source, "shop.customers"));
        assertThatDatabase(target).isEquivalentTo(source);
    }

    @Test
    void failsForADeletedRow(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("DELETE FROM \"Mixed Case\".\"Order Lines\" WHERE \"Id\" = 5");

        assertNotEquivalent(target, "different data:       data \"Mixed Case\".\"Order Lines\": source 250 rows, target 249 rows");
    }

    @Test
    void failsForAChangedValue(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("UPDATE shop.reviews SET body = 'Great! ' WHERE review_id = 4");

        assertNotEquivalent(target, "data shop.reviews: source 400 rows, target 400 rows, same count but different content");
    }

    @Test
    void failsForAFloatThatOnlyChangedSign(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("UPDATE shop.products SET weight_kg = 0 WHERE weight_kg = 0 AND text(weight_kg) = '-0'");

        assertNotEquivalent(target, "data shop.products: source 200 rows, target 200 rows");
    }

    @Test
    void failsForAnExtraTable(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("CREATE TABLE shop.extra (id int)");

        assertNotEquivalent(target, "unexpected on target: table shop.extra");
    }

    @Test
    void failsForAMissingView(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("DROP VIEW shop.big_orders");

        assertNotEquivalent(target, "missing on target:    view shop.big_orders");
    }

    @Test
    void failsForAChangedColumnDefault(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("ALTER TABLE shop.customers ALTER COLUMN is_active SET DEFAULT false");

        assertNotEquivalent(target, "different:            column shop.customers.is_active\n      default\n"
                + "        source: true\n        target: false");
    }

    @Test
    void failsForAChangedIndexDefinition(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("DROP INDEX shop.customers_active_created_idx;"
                + " CREATE INDEX customers_active_created_idx ON shop.customers (created_at) WHERE NOT is_active");

        assertNotEquivalent(target, "index shop.customers_active_created_idx", "WHERE (NOT is_active)");
    }

    @Test
    void failsForAChangedOwner(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("ALTER FUNCTION shop.order_total(bigint) OWNER TO sample_writer");

        assertNotEquivalent(target, "function shop.order_total(bigint)", "owner\n        source: sample_owner\n        target: sample_writer");
    }

    @Test
    void failsForAChangedGrant(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("GRANT DELETE ON shop.promotions TO sample_reader");

        assertNotEquivalent(target, "table shop.promotions", "acl", "sample_reader DELETE by sample_owner");
    }

    @Test
    void failsForARevokedColumnGrant(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("REVOKE UPDATE (full_name) ON shop.customers FROM sample_writer");

        assertNotEquivalent(target, "column shop.customers.full_name", "acl");
    }

    @Test
    void failsForAChangedComment(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("COMMENT ON COLUMN shop.customers.email IS 'Unique, case-insensitive'");

        assertNotEquivalent(target, "column shop.customers.email", "comment", "target: Unique, case-insensitive");
    }

    @Test
    void failsForAChangedSequenceValue(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("SELECT setval('shop.invoice_no', 5012)");

        assertNotEquivalent(target, "sequence shop.invoice_no", "last_value\n        source: 5005\n        target: 5012");
    }

    @Test
    void failsForAnEnabledTrigger(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("ALTER TABLE shop.products ENABLE TRIGGER products_touch");

        assertNotEquivalent(target, "trigger shop.products.products_touch", "enabled");
    }

    @Test
    void failsForAChangedLargeObject(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("SELECT lo_put(424242, 0, '\\x4e'::bytea)");

        assertNotEquivalent(target, "large object 424242", "content_md5");
    }

    @Test
    void failsForAChangedDatabaseSetting(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("ALTER DATABASE " + Sql.ident(target.name()) + " SET work_mem = '9MB'");

        assertNotEquivalent(target, "different:            database", "settings", "work_mem=9MB");
    }

    @Test
    void failsForAChangedPolicy(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("ALTER POLICY customers_active_only ON shop.customers USING (true)");

        assertNotEquivalent(target, "policy shop.customers.customers_active_only", "using");
    }

    @Test
    void failsForAChangedBaseTypeProperty(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("ALTER TYPE shop.label SET (ANALYZE = NONE)");

        assertNotEquivalent(target, "different:            type shop.label\n      base_options",
                "analyze shop.label_analyze", "analyze -");
    }

    @Test
    void failsForALooseOperatorFamilyMemberDropped(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("ALTER OPERATOR FAMILY shop.quantity_family USING btree DROP FUNCTION 1 (shop.quantity, integer)");

        assertNotEquivalent(target, "different:            operator family shop.quantity_family using btree\n      functions",
                "1 (shop.quantity, integer) shop.quantity_cmp_integer(shop.quantity,integer)");
    }

    @Test
    void failsForAnOperatorClassThatIsNoLongerTheDefault(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("DROP OPERATOR CLASS shop.quantity_ops USING btree CASCADE;"
                + " CREATE OPERATOR CLASS shop.quantity_ops FOR TYPE shop.quantity USING btree FAMILY shop.quantity_family AS"
                + " FUNCTION 1 shop.quantity_cmp(shop.quantity, shop.quantity)");

        assertNotEquivalent(target, "different:            operator class shop.quantity_ops using btree\n      default\n"
                + "        source: t\n        target: f\n", "      operators\n        source: 1 shop.<(shop.quantity,shop.quantity) for search;");
    }

    @Test
    void failsForAChangedAccessMethodAndCast(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("COMMENT ON ACCESS METHOD sample_gist IS NULL;"
                + " DROP CAST (shop.quantity AS text); CREATE CAST (shop.quantity AS text) WITH INOUT AS ASSIGNMENT");

        assertNotEquivalent(target, "different:            access method sample_gist\n      comment",
                "different:            cast (shop.quantity AS text)\n      context");
    }

    @Test
        void failsForAChangedPropertyOfLanguagesTransformsConversionsParsersTemplatesPublicationsAndEventTriggers(
            @Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("REVOKE USAGE ON LANGUAGE shop_pl FROM sample_writer;"
                + " DROP LANGUAGE shop_untrusted_pl; CREATE LANGUAGE shop_untrusted_pl HANDLER plpgsql_call_handler VALIDATOR plpgsql_validator;"
                + " COMMENT ON TRANSFORM FOR integer LANGUAGE shop_pl IS 'changed';"
                + " DROP CONVERSION shop.utf8_to_latin1; CREATE CONVERSION shop.utf8_to_latin1 FOR 'UTF8' TO 'LATIN1' FROM utf8_to_iso8859_1;"
                + " ALTER CONVERSION shop.latin1_to_utf8 OWNER TO sample_writer;"
                + " COMMENT ON TEXT SEARCH PARSER shop.plain_parser IS NULL;"
                + " DROP TEXT SEARCH TEMPLATE shop.lexize_only; CREATE TEXT SEARCH TEMPLATE shop.lexize_only (INIT = dsimple_init, LEXIZE = dsimple_lexize);"
                + " ALTER EVENT TRIGGER sample_note_drops ENABLE;"
                + " ALTER PUBLICATION sample_customers SET (publish = 'insert');"
                + " ALTER PUBLICATION sample_orders SET (publish_via_partition_root = false);"
                + " ALTER PUBLICATION sample_coupons SET TABLE shop.coupons (code) WHERE (region IS NOT NULL AND code <> '');"
                + " ALTER PUBLICATION sample_audit DROP TABLES IN SCHEMA audit;"
                + " ALTER PUBLICATION sample_all_inserts OWNER TO sample_owner");

        assertNotEquivalent(target, "language shop_pl\n      acl", "language shop_untrusted_pl\n      validator",
                "transform for integer language shop_pl\n      comment", "conversion shop.utf8_to_latin1\n      default",
                "conversion shop.latin1_to_utf8\n      owner", "text search parser shop.plain_parser\n      comment",
                "text search template shop.lexize_only\n      init", "event trigger sample_note_drops\n      enabled",
                "publication sample_customers\n      publish", "publication sample_orders\n      via_partition_root",
                "publication sample_coupons\n      tables\n        source: shop.coupons (code, region) WHERE",
                "publication sample_audit\n      schemas", "publication sample_all_inserts\n      owner");
    }

    @Test
    void relaxationsLeaveOutWhatTheyName(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("ALTER TABLE shop.gift_cards OWNER TO sample_writer;"
                + " COMMENT ON TABLE shop.orders IS 'changed';"
                + " UPDATE shop.gift_cards SET balance = balance + 1 WHERE card_no = 900001");

        assertThatDatabase(target).ignoringOwnersAndAcls().ignoringComments().schemaOnly().isEquivalentTo(source);
        assertThatDatabase(target).ignoringOwnersAndAcls().ignoringComments()
                .ignoring(DatabaseObjectKind.DATA).isEquivalentTo(source);
        assertThatThrownBy(() -> assertThatDatabase(target).dataOnly().isEquivalentTo(source))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("data shop.gift_cards")
                .hasMessageNotContaining("owner");
        assertThatThrownBy(() -> assertThatDatabase(target).schemaOnly().ignoringComments().isEquivalentTo(source))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("table shop.gift_cards")
                .hasMessageNotContaining("comment")
                .hasMessageNotContaining("different data");
    }

    @Test
    void listsAtMostFiftyDifferencesAndCountsTheRest(@Pg(value = 17, sample = true) TestDatabase target) {
        target.execute("DO $$ BEGIN FOR i IN 1..60 LOOP EXECUTE format('CREATE TABLE shop.%I ()', 'extra_' || i); END LOOP; END $$");

        assertThatThrownBy(() -> assertThatDatabase(target).schemaOnly().isEquivalentTo(source))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("found 60 differences (showing the first 50)")
                .hasMessageContaining("... and 10 more");
    }

    @Test
    void comparesThroughCallersConnectionsAndLeavesThemAsTheyWere(@Pg(value = 17, sample = true) TestDatabase target)
            throws Exception {
        try (Connection targetConnection = target.connect(); Connection sourceConnection = source.connect()) {
            try (Statement s = targetConnection.createStatement()) {
                s.execute("SET TimeZone = 'America/New_York'");
            }

            assertThatDatabase(targetConnection).isEquivalentTo(sourceConnection);

            assertThat(targetConnection.getAutoCommit()).isTrue();
            assertThat(targetConnection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            try (Statement s = targetConnection.createStatement(); var rs = s.executeQuery("SHOW TimeZone")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("America/New_York");
            }
            try (Statement s = targetConnection.createStatement()) {
                s.execute("DELETE FROM shop.heartbeat WHERE ctid = (SELECT min(ctid) FROM shop.heartbeat)");
            }
            assertThatThrownBy(() -> assertThatDatabase(targetConnection).isEquivalentTo(sourceConnection))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("data shop.heartbeat: source 3 rows, target 2 rows");
        }
    }

    @Test
    void comparesADataSourceWithADatabaseAtAJdbcUrl(@Pg(value = 17, sample = true) TestDatabase target) {
        // as a team's own Testcontainers PostgreSQL gives them: a DataSource, or a URL with user and password
        PGSimpleDataSource targetDataSource = new PGSimpleDataSource();
        targetDataSource.setUrl(target.jdbcUrl());
        targetDataSource.setUser(PostgresServer.SUPERUSER);

        assertThatDatabase(targetDataSource).isEquivalentTo(source.jdbcUrl(), PostgresServer.SUPERUSER, null);
        assertThatDatabase(source.jdbcUrl(), PostgresServer.SUPERUSER, null).isEquivalentTo(targetDataSource);

        target.execute("UPDATE shop.reviews SET body = 'Great! ' WHERE review_id = 4");
        assertThatThrownBy(() -> assertThatDatabase(targetDataSource).isEquivalentTo(source.jdbcUrl(), PostgresServer.SUPERUSER, null))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("data shop.reviews: source 400 rows, target 400 rows, same count but different content");
    }

    private static void assertNotEquivalent(TestDatabase target, String... expectedInMessage) {
        assertThatThrownBy(() -> assertThatDatabase(target).isEquivalentTo(source))
                .isInstanceOf(AssertionError.class)
                .hasMessageContainingAll(expectedInMessage);
    }

    private static String oidOf(TestDatabase db, String table) {
        return db.queryValue("SELECT '" + table + "'::regclass::oid");
    }
}
