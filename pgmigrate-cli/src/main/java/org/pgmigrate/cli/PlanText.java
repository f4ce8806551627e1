package org.pgmigrate.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pgmigrate.DatabasePlan;
import org.pgmigrate.MigrationPlan;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.Phase;
import org.pgmigrate.PlannedTable;
import org.pgmigrate.report.Units;

/** A {@link MigrationPlan} as plain text for the console: what a migration would do, largest tables first. */
public final class PlanText {
    private PlanText() {}

    /** The server-level steps (roles, databases to create), then each database's plan. */
    public static String format(MigrationPlan plan) {
        StringBuilder s = new StringBuilder();
        if (!plan.phases().isEmpty()) {
            s.append("Dry run: nothing was changed.\n");
            s.append("Server phases: ").append(plan.phases().stream().map(Phase::name).collect(Collectors.joining(", "))).append("\n");
            line(s, "Roles to create", plan.rolesToCreate());
            line(s, "Roles already on the target (left as they are)", plan.existingRoles());
            line(s, "Reserved roles (not created)", plan.reservedRoles());
            line(s, "Databases to create", plan.databasesToCreate());
            s.append("\n");
        }
        for (DatabasePlan database : plan.databases()) {
            s.append(format(database)).append("\n");
        }
        return s.toString();
    }

    private static void line(StringBuilder s, String title, List<String> names) {
        s.append(title).append(": ").append(names.isEmpty() ? "none" : String.join(", ", names)).append("\n");
    }

    public static String format(DatabasePlan plan) {
        StringBuilder s = new StringBuilder();
        s.append("Dry run for database ").append(plan.database()).append(": nothing was changed.\n");
        s.append("Phases: ").append(plan.phases().stream().map(Phase::name).collect(Collectors.joining(", "))).append("\n");
        List<PlannedTable> tables = new ArrayList<>(plan.tables());
        tables.sort(Comparator.comparingLong(PlannedTable::estimatedBytes).reversed().thenComparing(PlannedTable::qualifiedName));
        s.append("\n").append(Units.count(tables.size(), "table")).append(", ").append(Units.bytes(plan.estimatedBytes()))
                .append(" of rows to copy:\n");
        int width = tables.stream().mapToInt(t -> t.qualifiedName().length()).max().orElse(0);
        for (PlannedTable t : tables) {
            s.append(String.format("  %-" + width + "s  %10s  %s%s\n", t.qualifiedName(), Units.bytes(t.estimatedBytes()),
                    t.estimatedRows() < 0 ? "rows unknown" : "~" + Units.count(t.estimatedRows(), "row"),
                    t.dataIncluded() ? "" : "  (structure only, rows excluded)"));
        }
        s.append("\nObjects to create: ").append(objects(plan.objects())).append("\n");
        section(s, "Excluded", plan.excluded());
        section(s, "Broken dependencies (a migration with this filter is refused; exclude the dependent objects"
                + " too, or include what they depend on)", plan.brokenDependencies());
        section(s, "Warnings", plan.warnings().stream().map(MigrationWarning::toString).toList());
        return s.toString();
    }

    private static String objects(Map<String, Integer> objects) {
        if (objects.isEmpty()) {
            return "none";
        }
        return objects.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    private static void section(StringBuilder s, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        s.append("\n").append(title).append(":\n");
        lines.forEach(line -> s.append("  ").append(line).append("\n"));
    }
}
