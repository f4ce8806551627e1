package org.pgmigrate.engine.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pgmigrate.VerificationDifference;
import org.pgmigrate.engine.internal.schema.ObjectRef;
import org.pgmigrate.engine.internal.verify.Fact.Kind;
import org.pgmigrate.engine.internal.verify.Fact.Property;

class FactComparisonTest {
    private static final ObjectRef EXCLUDED = ObjectRef.of(ObjectRef.PG_CLASS, 99);

    /** Roles as a migration maps them: "old" stands for "new" on the target, "gone" is missing there. */
    private static final FactComparison COMPARISON = new FactComparison(new FactComparison.Scope() {
        @Override
        public boolean excludes(Fact fact) {
            return EXCLUDED.equals(fact.anchor());
        }

        @Override
        public String role(String sourceRole) {
            return sourceRole.equals("gone") ? null : sourceRole.equals("old") ? "new" : sourceRole;
        }
    });

    private static String acl(String... items) {
        return String.join(FactQuery.ITEM, items);
    }

    private static String item(String grantee, String privilege, String grantor) {
        return String.join(FactQuery.FIELD, grantee, privilege, "false", grantor);
    }

    private static Fact fact(String catalog, String object, Map<String, Property> properties) {
        return new Fact(catalog + ": " + object, object, null, null, "s", null, false, properties);
    }

    /** The catalogs the facts of these tests come from, read on both sides unless a test says otherwise. */
    private static final List<String> CATALOGS = List.of("pg_class", "pg_proc", "pg_constraint", "pg_description",
            "pg_db_role_setting", "pg_user_mapping", "pg_index");

    private static CatalogFacts facts(int major, Fact... facts) {
        return facts(major, CATALOGS, facts);
    }

    private static CatalogFacts facts(int major, List<String> catalogs, Fact... facts) {
        Map<String, Fact> byKey = new LinkedHashMap<>();
        Map<String, Set<String>> columns = new LinkedHashMap<>();
        catalogs.forEach(c -> columns.put(c, new java.util.TreeSet<>()));
        for (Fact f : facts) {
            byKey.put(f.key(), f);
            columns.computeIfAbsent(f.key().substring(0, f.key().indexOf(':')), k -> new java.util.TreeSet<>()).addAll(f.properties().keySet());
        }
        return new CatalogFacts(major, byKey, columns, List.of());
    }

    private static Map<String, Property> props(Object... nameKindValue) {
        Map<String, Property> map = new LinkedHashMap<>();
        for (int i = 0; i < nameKindValue.length; i += 3) {
            map.put((String) nameKindValue[i], new Property((String) nameKindValue[i + 2], (Kind) nameKindValue[i + 1]));
        }
        return map;
    }

    @Test
    void rolesAreComparedAsTheMigrationMappedThem() {
        Fact source = fact("pg_class", "table s.t", props("relowner", Kind.ROLE, "old",
                "relacl", Kind.ACL, acl(item("old", "SELECT", "old"), item("gone", "SELECT", "old"), item("", "SELECT", "old"))));
        Fact target = fact("pg_class", "table s.t", props("relowner", Kind.ROLE, "new",
                "relacl", Kind.ACL, acl(item("", "SELECT", "new"), item("new", "SELECT", "new"))));
        assertThat(COMPARISON.compare(facts(17, source), facts(17, target))).isEmpty();

        Fact wrongOwner = fact("pg_class", "table s.t", props("relowner", Kind.ROLE, "old",
                "relacl", Kind.ACL, acl(item("", "SELECT", "new"), item("new", "SELECT", "new"))));
        assertThat(COMPARISON.compare(facts(17, source), facts(17, wrongOwner))).singleElement()
                .satisfies(d -> assertThat(d.detail()).isEqualTo("relowner is 'new' on the source, 'old' on the target"));
    }

    @Test
    void anOwnerMissingOnTheTargetIsNotADifference() {
        Fact source = fact("pg_proc", "function s.f()", props("proowner", Kind.ROLE, "gone"));
        Fact target = fact("pg_proc", "function s.f()", props("proowner", Kind.ROLE, "postgres"));
        assertThat(COMPARISON.compare(facts(17, source), facts(17, target))).isEmpty();
    }

    @Test
    void aFactOfARoleMissingOnTheTargetIsNotExpectedThere() {
        Fact setting = new Fact("pg_db_role_setting: database / of role gone", "database", "settings of role gone", null, null, "gone",
                false, props("setconfig", Kind.TEXT, "{work_mem=1MB}"));
        assertThat(COMPARISON.compare(facts(17, setting), facts(17))).isEmpty();
    }

    @Test
    void whatAFilterLeftOutIsNotComparedOnEitherSide() {
        Fact excluded = new Fact("pg_class: table s.x", "table s.x", null, EXCLUDED, "s", null, false, props());
        Fact extra = fact("pg_class", "table s.extra", props());
        List<VerificationDifference> differences = COMPARISON.compare(facts(17, excluded), facts(17, excluded, extra));
        assertThat(differences).singleElement().satisfies(d -> {
            assertThat(d.object()).isEqualTo("table s.extra");
            assertThat(d.detail()).isEqualTo("exists on the target only");
        });
    }

    @Test
    void everythingThatDiffersAboutAnObjectIsOneDifference() {
        Fact table = fact("pg_class", "table s.t", props("relkind", Kind.TEXT, "r"));
        Fact comment = new Fact("pg_description: table s.t", "table s.t", "comment", null, "s", null, false, props("description", Kind.TEXT, "a"));
        Fact changedTable = fact("pg_class", "table s.t", props("relkind", Kind.TEXT, "p"));
        assertThat(COMPARISON.compare(facts(17, table, comment), facts(17, changedTable))).singleElement()
                .satisfies(d -> assertThat(d.detail()).isEqualTo("relkind is 'r' on the source, 'p' on the target; comment: missing on the target"));
    }

    @Test
    void secretsAreNeverShown() {
        Fact source = new Fact("pg_user_mapping: user mapping", "user mapping for app on server s", null, null, null, null, true,
                props("umoptions", Kind.TEXT, "password=hunter2"));
        Fact target = new Fact("pg_user_mapping: user mapping", "user mapping for app on server s", null, null, null, null, true,
                props("umoptions", Kind.TEXT, "password=other"));
        assertThat(COMPARISON.compare(facts(17, source), facts(17, target))).singleElement()
                .satisfies(d -> assertThat(d.detail()).doesNotContain("hunter2").doesNotContain("other").contains("umoptions differs"));
    }

    @Test
    void notNullConstraintsOfAnOlderSourceAreTheTargetsOwn() {
        Fact notNull = fact("pg_constraint", "table constraint t_id_not_null on s.t", props("contype", Kind.TEXT, "n"));
        assertThat(COMPARISON.compare(facts(17), facts(18, notNull))).isEmpty();
        assertThat(COMPARISON.compare(facts(18), facts(18, notNull))).extracting(VerificationDifference::object)
                .containsExactly("table constraint t_id_not_null on s.t");
    }

    @Test
    void propertiesOnlyOneMajorHasAreNotCompared() {
        Fact source = fact("pg_index", "index s.i", props("indisvalid", Kind.TEXT, "true"));
        Fact target = fact("pg_index", "index s.i", props("indisvalid", Kind.TEXT, "true", "indnullsnotdistinct", Kind.TEXT, "true"));
        assertThat(COMPARISON.compare(facts(14, source), facts(15, target))).isEmpty();
    }

    @Test
    void aCatalogOneSideCannotReadIsComparedOnNeither() {
        Fact mapping = new Fact("pg_user_mapping: user mapping for app on server s", "user mapping for app on server s", null, null, null,
                null, true, props());
        List<String> withoutMappings = CATALOGS.stream().filter(c -> !c.equals("pg_user_mapping")).toList();
        assertThat(COMPARISON.compare(facts(17, withoutMappings), facts(17, mapping))).isEmpty();
        assertThat(COMPARISON.compare(facts(17), facts(17, mapping))).hasSize(1);
    }

    @Test
    void namesAndDefinitionsAreComparedAsEitherMajorSpellsThem() {
        Fact column13 = fact("pg_attribute", "table column s.t.json", props("atttypid", Kind.TEXT, "type pg_catalog.json"));
        Fact column18 = fact("pg_attribute", "table column s.t.\"json\"", props("atttypid", Kind.TEXT, "type json"));
        assertThat(COMPARISON.compare(facts(13, column13), facts(18, column18))).isEmpty();
        assertThat(COMPARISON.compare(facts(18, column13), facts(18, column18))).hasSize(2);

        Fact view13 = fact("pg_rewrite", "view s.v", props("definition", Kind.TEXT, "SELECT a FROM t FETCH FIRST (NULL::integer + 1) ROWS WITH TIES;"));
        Fact view15 = fact("pg_rewrite", "view s.v", props("definition", Kind.TEXT, "SELECT a FROM t FETCH FIRST ((NULL::integer + 1)) ROWS WITH TIES;"));
        assertThat(COMPARISON.compare(facts(13, List.of("pg_rewrite"), view13), facts(15, List.of("pg_rewrite"), view15))).isEmpty();
        assertThat(COMPARISON.compare(facts(15, List.of("pg_rewrite"), view13), facts(15, List.of("pg_rewrite"), view15))).hasSize(1);

        Fact transform11 = fact("pg_transform", "transform for integer on language l", props());
        Fact transform17 = fact("pg_transform", "transform for integer language l", props());
        assertThat(COMPARISON.compare(facts(11, List.of("pg_transform"), transform11), facts(17, List.of("pg_transform"), transform17))).isEmpty();
    }

    @Test
    void foreignKeysClonedForPartitionsAreComparedWithinAMajorOnly() {
        Fact clone = fact("pg_constraint", "table constraint fk on s.p1 / on s.p1 referencing s.r",
                props("contype", Kind.TEXT, "f", "conparentid", Kind.TEXT, "made for its parent"));
        assertThat(COMPARISON.compare(facts(13), facts(15, clone))).isEmpty();
        assertThat(COMPARISON.compare(facts(15), facts(15, clone))).singleElement()
                .satisfies(d -> assertThat(d.detail()).isEqualTo("exists on the target only"));
    }

    @Test
    void longValuesAreShownAroundTheirFirstDifference() {
        String common = "x".repeat(300);
        assertThat(FactComparison.shown(common + "source tail", common + "target tail")).startsWith("'...").contains("source tail");
        assertThat(FactComparison.shown("short", "other")).isEqualTo("'short'");
        assertThat(FactComparison.shown(null, "other")).isEqualTo("NULL");
    }
}
