package org.pgmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pgmigrate.DatabasePlan;
import org.pgmigrate.MigrationPlan;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.Phase;
import org.pgmigrate.PlannedTable;

class PlanTextTest {
    private static PlannedTable table(String name, long bytes, long rows, boolean data) {
        return PlannedTable.builder().schema("public").name(name).estimatedBytes(bytes).estimatedRows(rows).dataIncluded(data).build();
    }

    @Test
    void listsTablesLargestFirstWithHumanSizesAndEverySection() {
        DatabasePlan plan = DatabasePlan.builder().database("shop")
                .tables(List.of(table("small", 8192, 10, true), table("events", 3L << 30, 50_000_000, false),
                        table("orders", 5L << 20, -1, true)))
                .objects(Map.of("table", 3, "index", 4))
                .excluded(List.of("schema archive", "rows of table public.events"))
                .brokenDependencies(List.of("view public.v depends on excluded table public.t"))
                .warnings(List.of(MigrationWarning.of("role-missing", "Role x is missing.", List.of("public.small"))))
                .phases(List.of(Phase.PREPARE, Phase.SNAPSHOT, Phase.DATA))
                .build();

        String text = PlanText.format(plan);

        assertThat(text).startsWith("Dry run for database shop: nothing was changed.\n")
                .contains("Phases: PREPARE, SNAPSHOT, DATA\n")
                .contains("3 tables, 5.0 MiB of rows to copy:\n")
                .contains("excluded table public.t").contains("schema archive").contains("role-missing: Role x is missing.");
        assertThat(text.indexOf("public.events")).isLessThan(text.indexOf("public.orders"));
        assertThat(text.indexOf("public.orders")).isLessThan(text.indexOf("public.small"));
        assertThat(text).containsPattern("public\\.events +3\\.0 GiB +~50,000,000 rows +\\(structure only, rows excluded\\)")
                .containsPattern("public\\.orders +5\\.0 MiB +rows unknown\n")
                .containsPattern("public\\.small +8\\.0 KiB +~10 rows\n")
                .contains("Broken dependencies (a migration with this filter is refused");
    }

    @Test
    void leavesOutEmptySections() {
        DatabasePlan plan = DatabasePlan.builder().database("empty").phases(List.of(Phase.PREPARE)).build();

        assertThat(PlanText.format(plan)).contains("0 tables, 0 B of rows to copy:").contains("Objects to create: none")
                .doesNotContain("Excluded").doesNotContain("Broken").doesNotContain("Warnings");
    }

    @Test
    void aServerPlanListsRolesAndDatabasesBeforeEachDatabase() {
        MigrationPlan plan = MigrationPlan.builder()
                .rolesToCreate(List.of("app", "reader")).existingRoles(List.of("ops")).reservedRoles(List.of())
                .databasesToCreate(List.of("shop")).phases(List.of(Phase.ROLES, Phase.DATABASES))
                .addDatabases(DatabasePlan.builder().database("crm").phases(List.of(Phase.PREPARE)).build(),
                        DatabasePlan.builder().database("shop").phases(List.of(Phase.PREPARE)).build())
                .build();

        String text = PlanText.format(plan);

        assertThat(text).startsWith("Dry run: nothing was changed.\nServer phases: ROLES, DATABASES\n")
                .contains("Roles to create: app, reader\n").contains("Roles already on the target (left as they are): ops\n")
                .contains("Reserved roles (not created): none\n").contains("Databases to create: shop\n");
        assertThat(text.indexOf("Dry run for database crm")).isPositive().isLessThan(text.indexOf("Dry run for database shop"));
    }
}
