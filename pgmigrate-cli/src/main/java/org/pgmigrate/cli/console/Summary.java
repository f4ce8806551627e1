package org.pgmigrate.cli.console;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.ServerInfo;
import org.pgmigrate.TableResult;
import org.pgmigrate.report.Units;

/** Renders a {@link MigrationResult} as the text a person reads at the end of a run. */
public final class Summary {
    /** How many of the largest tables to list; the JSON report has all of them. */
    static final int LARGEST_TABLES = 10;

    private Summary() {}

    /** The summary, several lines, each ending with a line separator. */
    public static String format(MigrationResult result) {
        StringBuilder s = new StringBuilder();
        line(s, "");
        line(s, "Migration %s %s in %s (%s)", result.migrationId(),
                result.completed() ? "completed" : "did not complete",
                Units.duration(result.duration()), result.mode().name().toLowerCase(Locale.ROOT));
        line(s, "  source  %s", server(result.source()));
        line(s, "  target  %s", server(result.target()));

        line(s, "");
        line(s, "Phases");
        for (PhaseResult phase : result.phases()) {
            line(s, "  %-20s %10s", phase.phase(), Units.duration(phase.duration()));
        }

        result.roles().ifPresent(roles -> {
            line(s, "");
            line(s, "Roles: %s created, %s already on the target%s", Units.count(roles.created().size()),
                    Units.count(roles.existing().size()), roles.withoutPassword().isEmpty() ? ""
                            : "; without a password: " + String.join(", ", roles.withoutPassword()));
        });
        if (!result.databases().isEmpty()) {
            line(s, "");
            line(s, "Databases");
            for (MigrationResult database : result.databases()) {
                line(s, "  %-20s %10s  %s, %s%s", database.target().database(), Units.duration(database.duration()),
                        Units.count(database.tables().size(), "table"), Units.count(database.totalRows(), "row"),
                        database.completed() ? "" : "  (did not complete)");
            }
        }

        line(s, "");
        line(s, "Data");
        line(s, "  %s, %s, %s%s", Units.count(result.tables().size(), "table"), Units.count(result.totalRows(), "row"),
                Units.bytes(result.totalBytes()), throughput(result));
        largestTables(s, result.tables());

        if (!result.objects().isEmpty()) {
            line(s, "");
            line(s, "Objects");
            line(s, "  %s", result.objects().entrySet().stream()
                    .map(e -> e.getKey() + " " + Units.count(e.getValue()))
                    .collect(Collectors.joining(", ")));
        }

        line(s, "");
        if (!result.databases().isEmpty()) {
            long equal = result.databases().stream().filter(d -> d.verification().map(v -> v.equal()).orElse(false)).count();
            line(s, "Verification: %d of %s equal to the source", equal, Units.count(result.databases().size(), "database"));
        } else if (result.verification().isEmpty()) {
            line(s, "Verification: skipped");
        } else if (result.verification().get().equal()) {
            line(s, "Verification: target equals source (%s compared in %s)",
                    Units.count(result.verification().get().tables().size(), "table"), Units.duration(result.verification().get().duration()));
        } else {
            line(s, "Verification: %s", Units.count(result.verification().get().differences().size(), "difference"));
            result.verification().get().differences().forEach(d -> line(s, "  %s", d));
        }
        line(s, result.warnings().isEmpty() ? "Warnings: none" : "Warnings (%d)", result.warnings().size());
        for (MigrationWarning warning : result.warnings()) {
            line(s, "  %s", warning);
        }
        return s.toString();
    }

    private static String server(ServerInfo server) {
        return "PostgreSQL " + server.majorVersion() + ", database " + server.database() + ", " + server.endpoint();
    }

    /**
     * Measured over the DATA phase when there is one: the other phases move no rows, so dividing
     * by the whole run would understate what the copy achieved.
     */
    private static String throughput(MigrationResult result) {
        Duration copying = result.phases().stream()
                .filter(p -> p.phase() == Phase.DATA)
                .map(PhaseResult::duration)
                .findFirst()
                .orElse(result.duration());
        String bytes = Units.byteRate(result.totalBytes(), copying);
        return bytes.isEmpty() ? "" : "; " + bytes + ", " + Units.rowRate(result.totalRows(), copying);
    }

    private static void largestTables(StringBuilder s, List<TableResult> tables) {
        if (tables.isEmpty()) {
            return;
        }
        List<TableResult> largest = tables.stream()
                .sorted(Comparator.comparingLong(TableResult::bytes).reversed()
                        .thenComparing(Comparator.comparingLong(TableResult::rows).reversed()))
                .limit(LARGEST_TABLES)
                .collect(Collectors.toList());
        int nameWidth = Math.max(5, largest.stream().mapToInt(t -> t.qualifiedName().length()).max().orElse(0));
        String row = "  %-" + nameWidth + "s %15s %12s %10s %10s";
        line(s, "");
        line(s, tables.size() > LARGEST_TABLES ? "Largest %d tables" : "Tables (largest first)", LARGEST_TABLES);
        line(s, row, "table", "rows", "bytes", "copy", "indexes");
        for (TableResult t : largest) {
            line(s, row, t.qualifiedName(), Units.count(t.rows()), Units.bytes(t.bytes()),
                    Units.duration(t.copyDuration()), Units.duration(t.indexDuration()));
        }
    }

    private static void line(StringBuilder s, String format, Object... args) {
        s.append(args.length == 0 ? format : String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }
}
