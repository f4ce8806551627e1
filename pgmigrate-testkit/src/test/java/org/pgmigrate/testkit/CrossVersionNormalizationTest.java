package org.pgmigrate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CrossVersionNormalizationTest {

    @Test
    void dropsTableQualifiersButKeepsSchemas() {
        String pg15 = " SELECT order_summary.order_id, (o.shipping).city, \"My T\".\"Col\"\n   FROM shop.order_summary, \"Mixed Case\".\"My T\"\n  WHERE (order_summary.total > 1.5);";

        assertThat(CrossVersionNormalization.withoutTableQualifiers(pg15, Set.of("shop", "\"Mixed Case\"")))
                .isEqualTo(" SELECT order_id, (shipping).city, \"Col\"\n   FROM shop.order_summary, \"Mixed Case\".\"My T\"\n  WHERE (total > 1.5);");
    }

    @Test
    void dropsInModesFromTheHeaderOnly() {
        String pg14 = "CREATE OR REPLACE PROCEDURE s.p(IN a integer, INOUT b integer, IN c text)\n LANGUAGE sql\nAS $$ SELECT 'x, IN y' $$";

        assertThat(CrossVersionNormalization.withoutInModes(pg14))
                .isEqualTo("CREATE OR REPLACE PROCEDURE s.p(a integer, INOUT b integer, c text)\n LANGUAGE sql\nAS $$ SELECT 'x, IN y' $$");
    }

    @Test
    void rewritesTriggersOfOldMajorsAndViewsAcross16Only() {
        CatalogSnapshot pg11 = snapshot(11,
                entry(DatabaseObjectKind.TRIGGER, "s.t.tr", "CREATE TRIGGER tr AFTER INSERT ON s.t FOR EACH ROW EXECUTE PROCEDURE s.f()"),
                entry(DatabaseObjectKind.VIEW, "s.v", " SELECT t.a\n   FROM s.t;"),
                entry(DatabaseObjectKind.SCHEMA, "s", null));

        assertThat(definition(CrossVersionNormalization.normalize(pg11, 17), "trigger s.t.tr"))
                .isEqualTo("CREATE TRIGGER tr AFTER INSERT ON s.t FOR EACH ROW EXECUTE FUNCTION s.f()");
        assertThat(definition(CrossVersionNormalization.normalize(pg11, 17), "view s.v")).isEqualTo("SELECT a FROM s.t;");
        assertThat(definition(CrossVersionNormalization.normalize(pg11, 14), "view s.v")).isEqualTo("SELECT t.a FROM s.t;");
        assertThat(definition(CrossVersionNormalization.normalize(pg11, 11), "view s.v")).isEqualTo(" SELECT t.a\n   FROM s.t;");
    }

    @Test
    void comparesNotNullConstraintNamesOnlyWhenBothSidesRun18() {
        Map<String, String> column = new LinkedHashMap<>();
        column.put("not_null", "true");
        column.put("not_null_constraint", "rooms_name_required no inherit");
        column.put("not_null_comment", "A room is always named");
        CatalogSnapshot pg18 = snapshot(18, new CatalogEntry(DatabaseObjectKind.COLUMN, "s.rooms.name", column));

        assertThat(CrossVersionNormalization.normalize(pg18, 18).entries().get("column s.rooms.name").properties())
                .isEqualTo(column);
        assertThat(CrossVersionNormalization.normalize(pg18, 17).entries().get("column s.rooms.name").properties())
                .containsOnly(Map.entry("not_null", "true"));
    }

    @Test
    void comparesTheMembersOfAnOperatorClassThroughItsFamilyAcross14() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("default", "t");
        properties.put("operators", "1 <<(point,point) for search");
        properties.put("functions", "1 (point, point) gist_point_consistent(internal,point,smallint,oid,internal)");
        CatalogSnapshot pg12 = snapshot(12, new CatalogEntry(DatabaseObjectKind.OPERATOR_CLASS, "s.c using gist", properties));

        assertThat(CrossVersionNormalization.normalize(pg12, 17).entries().get("operator class s.c using gist").properties())
                .containsOnlyKeys("default");
        assertThat(CrossVersionNormalization.normalize(pg12, 13).entries().get("operator class s.c using gist").properties())
                .isEqualTo(properties);
    }

    private static String definition(CatalogSnapshot snapshot, String key) {
        return snapshot.entries().get(key).properties().get("definition");
    }

    private static CatalogEntry entry(DatabaseObjectKind kind, String name, String definition) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (definition != null) {
            properties.put("definition", definition);
        }
        return new CatalogEntry(kind, name, properties);
    }

    private static CatalogSnapshot snapshot(int major, CatalogEntry... entries) {
        Map<String, CatalogEntry> map = new LinkedHashMap<>();
        for (CatalogEntry e : entries) {
            map.put(e.key(), e);
        }
        return new CatalogSnapshot(major, map);
    }
}
