package org.pgmigrate.engine.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** What one server's catalogs say, read as facts. */
@ExtendWith(PostgresExtension.class)
class CatalogFactsIT {
    @Test
    void builtInPrivilegesReadAsTheSameItemsAsWhenSpelledOutInAnyOrder(@Pg(instance = "source") TestDatabase db) throws SQLException {
        db.execute("CREATE FUNCTION built_in() RETURNS int LANGUAGE sql AS 'SELECT 1';"
                + "CREATE FUNCTION spelled_out() RETURNS int LANGUAGE sql AS 'SELECT 1';"
                + "CREATE FUNCTION owner_only() RETURNS int LANGUAGE sql AS 'SELECT 1';"
                // the owner's item first, then PUBLIC's: the other order from acldefault's
                + "REVOKE EXECUTE ON FUNCTION spelled_out() FROM PUBLIC; GRANT EXECUTE ON FUNCTION spelled_out() TO PUBLIC;"
                + "REVOKE EXECUTE ON FUNCTION owner_only() FROM PUBLIC;"
                + "CREATE TABLE built_in_t (); CREATE SEQUENCE built_in_s;");
        assertThat(db.queryValue("SELECT proacl::text FROM pg_proc WHERE proname = 'spelled_out'")).matches("\\{\\w+=X/\\w+,=X/\\w+}");
        String owner = db.queryValue("SELECT current_user");

        CatalogFacts facts;
        try (Connection c = db.connect()) {
            facts = CatalogFacts.read(c);
        }
        String builtIn = acl(facts, "pg_proc: function public.built_in()", "proacl");
        assertThat(builtIn).isEqualTo(String.join(FactQuery.ITEM, item("", "EXECUTE", owner), item(owner, "EXECUTE", owner)));
        assertThat(acl(facts, "pg_proc: function public.spelled_out()", "proacl")).isEqualTo(builtIn);
        assertThat(acl(facts, "pg_proc: function public.owner_only()", "proacl")).isEqualTo(item(owner, "EXECUTE", owner));
        // a relation's and a sequence's own kinds of built-in privileges
        assertThat(acl(facts, "pg_class: table public.built_in_t", "relacl").split(FactQuery.ITEM)).hasSizeGreaterThanOrEqualTo(7)
                .contains(item(owner, "TRUNCATE", owner));
        assertThat(acl(facts, "pg_class: sequence public.built_in_s", "relacl"))
                .isEqualTo(String.join(FactQuery.ITEM, item(owner, "SELECT", owner), item(owner, "UPDATE", owner), item(owner, "USAGE", owner)));
    }

    @Test
    void sessionsTakingTurnsReadTheSameFactsInTheSameOrderAsOneSession(@Pg(instance = "source") TestDatabase db) throws SQLException {
        db.execute("CREATE SCHEMA turns; CREATE TABLE turns.a (id int PRIMARY KEY, v text CHECK (v <> '')); CREATE INDEX ON turns.a (v);"
                + "CREATE VIEW turns.b AS SELECT id FROM turns.a; CREATE FUNCTION turns.c() RETURNS int LANGUAGE sql AS 'SELECT 1';"
                + "CREATE SEQUENCE turns.d; COMMENT ON TABLE turns.a IS 'read in turns'; GRANT SELECT ON turns.b TO PUBLIC");
        try (Connection one = db.connect(); Connection other = db.connect()) {
            CatalogFacts alone = CatalogFacts.read(one);
            CatalogFacts.Reading reading = CatalogFacts.Reading.plan(one);
            assertThat(reading.readNext(one, new HashMap<>())).isTrue();
            assertThatThrownBy(reading::facts).as("catalogs left unread").isInstanceOf(IllegalStateException.class);

            int turns = 1;
            while (reading.readNext(turns % 2 == 0 ? one : other, new HashMap<>())) {
                turns++;
            }
            CatalogFacts inTurns = reading.facts();

            assertThat(turns).isGreaterThan(20);
            assertThat(alone.facts()).containsKeys("pg_class: table turns.a", "pg_description: table turns.a",
                    "pg_class: view turns.b", "pg_proc: function turns.c()");
            assertThat(List.copyOf(inTurns.facts().keySet())).containsExactlyElementsOf(List.copyOf(alone.facts().keySet()));
            assertThat(inTurns.facts()).isEqualTo(alone.facts());
            assertThat(inTurns.columns()).isEqualTo(alone.columns());
            assertThat(inTurns.uncompared()).isEqualTo(alone.uncompared());
            assertThat(inTurns.major()).isEqualTo(alone.major());
        }
    }

    private static String acl(CatalogFacts facts, String key, String property) {
        assertThat(facts.facts()).containsKey(key);
        return facts.facts().get(key).properties().get(property).value();
    }

    private static String item(String grantee, String privilege, String grantor) {
        return String.join(FactQuery.FIELD, grantee, privilege, "false", grantor);
    }
}
