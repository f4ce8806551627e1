package org.pgmigrate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;
import org.pgmigrate.testkit.junit5.PostgresServers;

/** The sample loads on every shipped major and holds every kind of object it promises. */
@ExtendWith(PostgresExtension.class)
class SampleDatabaseIT {

    @ParameterizedTest
    @ValueSource(ints = {11, 12, 14, 16, 17, 18})
    void loadsOnEveryMajorWithEveryPromisedKindOfObject(int major, PostgresServers servers) {
        TestDatabase db = servers.createSampleDatabase(major);

        assertThat(db.queryColumn("SELECT nspname FROM pg_namespace WHERE nspname IN ('shop', 'audit', 'Mixed Case', 'ext') ORDER BY 1"))
                .containsExactly("Mixed Case", "audit", "ext", "shop");
        assertThat(db.queryValue("SELECT extversion FROM pg_extension WHERE extname = 'pgcrypto'")).isNotEmpty();

        // Types: enum, domains (one NOT NULL, with CHECKs), composite, range.
        assertThat(count(db, "SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                + " WHERE n.nspname = 'shop' AND t.typtype = 'e'")).isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM pg_type WHERE typtype = 'd' AND typnotnull AND typname = 'positive_money'")).isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM pg_constraint WHERE contypid = 'shop.sku'::regtype AND contype = 'c'")).isEqualTo(2);
        assertThat(count(db, "SELECT count(*) FROM pg_type WHERE typtype = 'c' AND typname = 'address'")).isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM pg_range WHERE rngtypid = 'shop.price_range'::regtype")).isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM pg_collation WHERE collname = 'c_copy'")).isEqualTo(1);

        // Identity (both kinds), serial, generated columns (12+).
        assertThat(db.queryColumn("SELECT DISTINCT attidentity::text FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                + " WHERE c.relnamespace = 'shop'::regnamespace AND attidentity <> '' ORDER BY 1")).containsExactly("a", "d");
        assertThat(db.queryValue("SELECT pg_get_serial_sequence('shop.products', 'product_id')")).isEqualTo("shop.products_product_id_seq");
        if (major >= 12) {
            assertThat(count(db, "SELECT count(*) FROM pg_attribute WHERE attgenerated = 's'")).isGreaterThanOrEqualTo(2);
        }

        // Partitioning: range partitions, a DEFAULT one, one partitioned again.
        assertThat(db.queryColumn("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = 'shop.orders'::regclass ORDER BY 1"))
                .containsExactly("orders_2022", "orders_2023", "orders_2024", "orders_other");
        assertThat(db.queryValue("SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE oid = 'shop.orders_other'::regclass")).isEqualTo("DEFAULT");
        assertThat(db.queryValue("SELECT relkind::text FROM pg_class WHERE oid = 'shop.orders_2024'::regclass")).isEqualTo("p");
        assertThat(count(db, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'shop.orders_2024'::regclass")).isEqualTo(2);

        // Inheritance: a child with columns of its own.
        assertThat(db.queryValue("SELECT inhparent::regclass::text FROM pg_inherits WHERE inhrelid = 'audit.login_events'::regclass")).isEqualTo("audit.events");
        assertThat(count(db, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'audit.login_events'::regclass AND attnum > 0 AND attislocal AND attinhcount = 0"))
                .isGreaterThan(0);

        // Views, a view on a view, a materialized view with an index.
        assertThat(count(db, "SELECT count(*) FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid"
                + " WHERE r.ev_class = 'shop.big_orders'::regclass AND d.refobjid = 'shop.order_summary'::regclass")).isGreaterThan(0);
        assertThat(count(db, "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relkind = 'm'")).isGreaterThan(0);

        // Routines of every kind, operators, casts of every method and context.
        assertThat(db.queryColumn("SELECT DISTINCT l.lanname::text FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang"
                + " WHERE p.pronamespace = 'shop'::regnamespace AND l.lanname IN ('sql', 'plpgsql') ORDER BY 1")).containsExactly("plpgsql", "sql");
        assertThat(count(db, "SELECT count(*) FROM pg_proc WHERE prokind = 'p' AND pronamespace = 'shop'::regnamespace")).isGreaterThan(0);
        assertThat(count(db, "SELECT count(*) FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid"
                + " WHERE p.pronamespace = 'shop'::regnamespace AND a.agginitval IS NOT NULL")).isGreaterThan(0);
        assertThat(count(db, "SELECT count(*) FROM pg_operator WHERE oprnamespace = 'shop'::regnamespace")).isEqualTo(7);
        String userCasts = " FROM pg_cast c WHERE c.oid >= 16384 AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'i')";
        assertThat(db.queryColumn("SELECT DISTINCT castmethod::text" + userCasts + " ORDER BY 1")).containsExactly("b", "f", "i");
        assertThat(db.queryColumn("SELECT DISTINCT castcontext::text" + userCasts + " ORDER BY 1")).containsExactly("a", "e", "i");
        assertThat(count(db, "SELECT count(*)" + userCasts + " AND (SELECT typtype FROM pg_type WHERE oid = c.castsource) = 'd'")).isEqualTo(1);

        // Base types, a range made from a shell, access methods (index; table from 12), operator classes and families.
        assertThat(db.queryColumn("SELECT typname::text FROM pg_type WHERE typnamespace = 'shop'::regnamespace AND typtype = 'b'"
                + " AND typcategory <> 'A' ORDER BY 1")).containsExactlyElementsOf(major >= 14
                ? List.of("document", "label", "pair", "quantity") : List.of("label", "pair", "quantity"));
        assertThat(db.queryColumn("SELECT amname || ' ' || amtype::text FROM pg_am WHERE oid >= 16384 ORDER BY 1"))
                .containsExactlyElementsOf(major >= 12 ? List.of("sample_gist i", "sample_heap t") : List.of("sample_gist i"));
        assertThat(db.queryColumn("SELECT opcname::text FROM pg_opclass WHERE opcnamespace = 'shop'::regnamespace ORDER BY 1"))
                .containsExactly("point_ops", "quantity_ops");
        assertThat(db.queryColumn("SELECT opfname::text FROM pg_opfamily WHERE opfnamespace = 'shop'::regnamespace ORDER BY 1"))
                .containsExactly("point_ops", "quantity_family");
        assertThat(count(db, "SELECT count(*) FROM pg_range WHERE rngtypid = 'shop.int_span'::regtype AND rngcanonical <> 0")).isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM pg_amop WHERE amoppurpose = 'o'"
                + " AND amopfamily IN (SELECT oid FROM pg_opfamily WHERE opfnamespace = 'shop'::regnamespace)")).isEqualTo(1);

        // Triggers (one disabled), a rule, row-level security.
        assertThat(db.queryValue("SELECT tgenabled::text FROM pg_trigger WHERE tgname = 'products_touch'")).isEqualTo("D");
        assertThat(count(db, "SELECT count(*) FROM pg_rewrite WHERE rulename = 'events_no_delete'")).isEqualTo(1);
        assertThat(db.queryValue("SELECT relrowsecurity::text FROM pg_class WHERE oid = 'shop.customers'::regclass")).isEqualTo("true");
        assertThat(count(db, "SELECT count(*) FROM pg_policies WHERE schemaname = 'shop'")).isGreaterThanOrEqualTo(3);

        // Constraints: check, unique, foreign keys (one deferrable, one not valid), exclusion.
        assertThat(db.queryColumn("SELECT DISTINCT contype::text FROM pg_constraint WHERE connamespace = 'shop'::regnamespace AND conrelid <> 0 ORDER BY 1"))
                .contains("c", "f", "p", "u", "x");
        assertThat(count(db, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND condeferrable")).isGreaterThan(0);
        assertThat(count(db, "SELECT count(*) FROM pg_constraint WHERE NOT convalidated")).isGreaterThanOrEqualTo(2);

        // Indexes: partial, expression, INCLUDE, unique.
        assertThat(count(db, "SELECT count(*) FROM pg_index WHERE indpred IS NOT NULL")).isGreaterThan(0);
        assertThat(count(db, "SELECT count(*) FROM pg_index WHERE indexprs IS NOT NULL")).isGreaterThan(0);
        assertThat(count(db, "SELECT count(*) FROM pg_index WHERE indnkeyatts < indnatts")).isGreaterThan(0);
        assertThat(count(db, "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE i.indisunique AND NOT i.indisprimary AND c.relname = 'products_lower_sku_uidx'")).isEqualTo(1);

        // Comments with quotes and new lines; text search; unlogged and column-less tables.
        assertThat(db.queryValue("SELECT obj_description('shop.customers'::regclass, 'pg_class')")).contains("\n", "'", "\"");
        assertThat(count(db, "SELECT count(*) FROM pg_ts_config WHERE cfgname = 'product_search'")).isEqualTo(1);
        assertThat(db.queryValue("SELECT relpersistence::text FROM pg_class WHERE oid = 'shop.cart_sessions'::regclass")).isEqualTo("u");
        assertThat(db.queryValue("SELECT relnatts FROM pg_class WHERE oid = 'shop.heartbeat'::regclass")).isEqualTo("0");
        assertThat(count(db, "SELECT count(*) FROM shop.heartbeat")).isEqualTo(3);

        // Sequences with their own options and values, one owned by a column.
        assertThat(db.queryValue("SELECT concat_ws(',', seqincrement, seqmin, seqmax, seqcache, seqcycle) FROM pg_sequence"
                + " WHERE seqrelid = 'shop.invoice_no'::regclass")).isEqualTo("7,1000,99999,5,t");
        assertThat(db.queryValue("SELECT last_value || ',' || is_called FROM shop.countdown")).isEqualTo("42,false");
        assertThat(db.queryValue("SELECT pg_get_serial_sequence('shop.gift_cards', 'card_no')")).isEqualTo("shop.gift_card_no_seq");

        // Large objects with a comment.
        assertThat(count(db, "SELECT count(*) FROM pg_largeobject_metadata")).isEqualTo(2);
        assertThat(db.queryValue("SELECT obj_description(424242, 'pg_largeobject')")).isNotEmpty();

        // Ownership by roles that are not superusers, privileges granted and revoked.
        assertThat(db.queryValue("SELECT rolsuper::text FROM pg_roles r JOIN pg_class c ON c.relowner = r.oid WHERE c.oid = 'shop.customers'::regclass"))
                .isEqualTo("false");
        assertThat(count(db, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'shop.customers'::regclass AND attacl IS NOT NULL")).isEqualTo(2);
        assertThat(db.queryValue("SELECT has_function_privilege('sample_writer', 'shop.customer_stats(bigint, shop.order_status[])', 'EXECUTE')::text"))
                .isEqualTo("false");
        assertThat(db.queryValue("SELECT array_to_string(setconfig, ',') FROM pg_db_role_setting"
                + " WHERE setrole = 0 AND setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())")).contains("work_mem=8MB");

        // Data: enough rows, and the awkward values.
        assertThat(count(db, "SELECT (SELECT count(*) FROM shop.orders) + (SELECT count(*) FROM shop.order_items)")).isGreaterThan(5000);
        assertThat(count(db, "SELECT count(*) FROM shop.products WHERE rating = 'NaN' OR rating = 'Infinity'")).isGreaterThan(0);
        assertThat(count(db, "SELECT count(*) FROM shop.customers WHERE full_name LIKE '%😀%' OR full_name LIKE '%''%'")).isGreaterThan(0);
        assertThat(count(db, "SELECT count(*) FROM shop.customers WHERE array_position(tags, NULL) IS NOT NULL")).isGreaterThan(0);

        // Languages, a transform, conversions, a text search parser and templates, publications, event triggers.
        assertThat(db.queryColumn("SELECT lanname || ' ' || lanpltrusted || ' ' || (laninline <> 0) FROM pg_language"
                + " WHERE lanname LIKE 'shop%' ORDER BY 1")).containsExactly("shop_pl true true", "shop_untrusted_pl false false");
        assertThat(db.queryValue("SELECT trftosql::regproc::text FROM pg_transform WHERE trflang = (SELECT oid FROM pg_language WHERE lanname = 'shop_pl')"))
                .isEqualTo("int4recv");
        assertThat(db.queryColumn("SELECT conname || ' ' || condefault FROM pg_conversion WHERE connamespace = 'shop'::regnamespace ORDER BY 1"))
                .containsExactly("latin1_to_utf8 false", "utf8_to_latin1 true");
        assertThat(count(db, "SELECT count(*) FROM pg_ts_parser WHERE prsnamespace = 'shop'::regnamespace")).isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM pg_ts_template WHERE tmplnamespace = 'shop'::regnamespace")).isEqualTo(2);
        assertThat(db.queryColumn("SELECT evtname || ' ' || evtenabled::text FROM pg_event_trigger ORDER BY 1"))
                .containsExactly("sample_note_drops D", "sample_note_tables A");
        assertThat(db.queryColumn("SELECT pubname || ' ' || puballtables FROM pg_publication ORDER BY 1")).containsAll(
                List.of("sample_all_inserts true", "sample_customers false"));
        assertThat(count(db, "SELECT count(*) FROM pg_publication_rel r JOIN pg_publication p ON p.oid = r.prpubid"
                + " WHERE p.pubname = 'sample_customers'")).as("the parent only, not its child").isEqualTo(3);

        // Newer majors get their newer features, older ones do without.
        assertThat(count(db, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'shop.products'::regclass AND attname = 'price_bands'"))
                .isEqualTo(major >= 14 ? 1 : 0);
        assertThat(count(db, "SELECT count(*) FROM pg_class WHERE relname = 'coupons'")).isEqualTo(major >= 15 ? 1 : 0);
        if (major >= 12) {
            assertThat(count(db, "SELECT count(*) FROM pg_attribute WHERE attgenerated = 'v'")).isEqualTo(major >= 18 ? 1 : 0);
        }
        assertThat(count(db, "SELECT count(*) FROM pg_constraint WHERE conname = 'room_bookings_note_required' AND NOT convalidated"))
                .isEqualTo(major >= 18 ? 1 : 0);
        assertThat(count(db, "SELECT count(*) FROM pg_publication")).isEqualTo(major >= 15 ? 5 : major >= 14 ? 3 : 2);
    }

    @Test
    void loadsTheSameContentOnAnOldAndANewMajor(@Pg(value = 11, sample = true) TestDatabase old,
                                                @Pg(17) TestDatabase current) throws Exception {
        try (Connection connection = current.connect()) {
            SampleDatabase.load(connection, 11);
        }

        assertThatDatabase(current).isEquivalentTo(old);
    }

    @Test
    void givesARolledBackLoadWhenAScriptFails(@Pg(17) TestDatabase db) {
        db.execute("CREATE SCHEMA shop");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SampleDatabase.load(db))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shop");
        assertThat(db.queryValue("SELECT count(*) FROM pg_namespace WHERE nspname = 'audit'")).isEqualTo("0");
    }

    private static long count(TestDatabase db, String sql) {
        return Long.parseLong(db.queryValue(sql));
    }
}
