package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pgmigrate.Endpoint;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.VerificationDifference;
import org.pgmigrate.VerificationReport;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;
import org.pgmigrate.testkit.junit5.PostgresServers;

/**
 * Subscriptions are left out unless asked for, with a warning that names them; asked for, they
 * arrive disabled, not connected, with every property of the source's. No publisher is needed:
 * {@code connect = false} never contacts it.
 */
@ExtendWith(PostgresExtension.class)
class SubscriptionsIT {
    private static final String NAME = "\"Shop Feed\"";

    @ParameterizedTest(name = "from PostgreSQL {0}")
    @ValueSource(ints = {11, 17})
    void areLeftOutByDefaultAndCarriedDisabledWhenAskedFor(int sourceMajor, PostgresServers servers) {
        PostgresServer targetServer = servers.server(17, "target");
        try (TestDatabase source = servers.server(sourceMajor, "source").createDatabase();
             TestDatabase leftOut = targetServer.createDatabase();
             TestDatabase carried = targetServer.createDatabase()) {
            try {
                source.execute("CREATE TABLE public.t (id int PRIMARY KEY); INSERT INTO public.t VALUES (1), (2);"
                        + " CREATE SUBSCRIPTION " + NAME + " CONNECTION 'host=127.0.0.1 port=1 dbname=upstream password=feed-secret'"
                        + " PUBLICATION orders, \"Other Pub\" WITH (connect = false, slot_name = 'shop_feed_slot',"
                        + " synchronous_commit = 'local'" + (sourceMajor >= 17 ? ", binary = true, streaming = parallel,"
                        + " two_phase = on, disable_on_error = true, password_required = false, run_as_owner = true, origin = none,"
                        + " failover = true" : "") + ");"
                        + " COMMENT ON SUBSCRIPTION " + NAME + " IS 'Orders from upstream';"
                        // enabled on the source: its worker fails to connect, which is no concern of the migration
                        + " ALTER SUBSCRIPTION " + NAME + " ENABLE");

                MigrationResult byDefault = Migration.from(source.endpoint()).to(leftOut.endpoint()).execute();

                assertThat(warning(byDefault, "subscription-not-migrated").objects()).containsExactly(NAME);
                assertThat(warning(byDefault, "subscription-not-migrated").message()).contains("subscriptions(true)", "--subscriptions");
                assertThat(subscriptions(leftOut)).isEmpty();
                assertThat(byDefault.verification()).hasValueSatisfying(v -> assertThat(v.equal()).isTrue());

                MigrationResult asked = Migration.from(source.endpoint()).to(carried.endpoint()).subscriptions(true).execute();

                assertThat(warning(asked, "subscription-disabled").objects()).containsExactly(NAME);
                assertThat(asked.warnings()).extracting(MigrationWarning::code).doesNotContain("subscription-not-migrated");
                assertThat(asked.verification()).hasValueSatisfying(v -> assertThat(v.equal()).isTrue());
                assertThat(carried.queryValue("SELECT subenabled::text FROM pg_subscription WHERE subname = 'Shop Feed'")).isEqualTo("false");
                // once disabled on the source too, the two are alike in every property
                source.execute("ALTER SUBSCRIPTION " + NAME + " DISABLE");
                assertThatDatabase(carried).isEquivalentTo(source);
                // a difference names the subscription but never shows its connection string
                carried.execute("ALTER SUBSCRIPTION " + NAME + " CONNECTION 'host=127.0.0.1 port=2 password=other-secret'");
                VerificationReport changed = Migration.from(source.endpoint()).to(carried.endpoint()).subscriptions(true).verify();
                assertThat(changed.differences()).extracting(VerificationDifference::object).containsExactly("subscription " + NAME);
                assertThat(changed.differences().toString()).doesNotContain("secret");
            } finally {
                dropSubscriptions(source);
                dropSubscriptions(carried);
            }
        }
    }

    @Test
    void aSourceUserThatCannotReadThemGetsAWarning(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        source.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'subscription_blind') THEN"
                + " CREATE ROLE subscription_blind LOGIN PASSWORD 'blind-secret'; END IF; END $$;"
                + " CREATE TABLE public.t (id int); GRANT SELECT ON public.t TO subscription_blind;"
                + " CREATE SUBSCRIPTION " + NAME + " CONNECTION 'dbname=upstream' PUBLICATION orders WITH (connect = false, slot_name = NONE)");
        try {
            Endpoint blind = Endpoint.of(source.server().uri("subscription_blind", source.name()), "blind-secret");

            MigrationResult result = Migration.from(blind).to(target.endpoint()).subscriptions(true).execute();

            MigrationWarning warning = warning(result, "subscription-not-migrated");
            assertThat(warning.objects()).containsExactly(NAME);
            assertThat(warning.message()).contains("may not read", "superuser");
            assertThat(subscriptions(target)).isEmpty();
        } finally {
            dropSubscriptions(source);
        }
    }

    private static MigrationWarning warning(MigrationResult result, String code) {
        return result.warnings().stream().filter(w -> w.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no warning " + code + " in " + result.warnings()));
    }

    private static List<String> subscriptions(TestDatabase db) {
        return db.queryColumn("SELECT subname::text FROM pg_subscription WHERE subdbid = (SELECT oid FROM pg_database"
                + " WHERE datname = current_database())");
    }

    /** A subscription would keep its database from being dropped; with no slot, dropping it contacts no publisher. */
    private static void dropSubscriptions(TestDatabase db) {
        for (String name : subscriptions(db)) {
            String quoted = "\"" + name.replace("\"", "\"\"") + "\"";
            db.execute("ALTER SUBSCRIPTION " + quoted + " DISABLE");
            db.execute("ALTER SUBSCRIPTION " + quoted + " SET (slot_name = NONE)");
            db.execute("DROP SUBSCRIPTION " + quoted);
        }
    }
}
