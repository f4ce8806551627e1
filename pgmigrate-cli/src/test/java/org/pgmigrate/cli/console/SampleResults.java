package org.pgmigrate.cli.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.ServerInfo;
import org.pgmigrate.TableResult;

/** Hand-built results for tests that need no database. */
public final class SampleResults {
    private SampleResults() {}

    public static TableResult table(String schema, String name, long rows, long bytes) {
        return TableResult.builder().schema(schema).name(name).rows(rows).bytes(bytes)
                .copyDuration(Duration.ofMillis(1500)).indexDuration(Duration.ofMillis(250)).build();
    }

    /** Two tables (1,500 rows, 3 MiB in all) and one warning, copied in a 2-second DATA phase. */
    public static MigrationResult shop() {
        return MigrationResult.builder()
                .migrationId("m-42")
                .mode(MigrationMode.OFFLINE)
                .source(ServerInfo.builder().versionNumber(160004).database("shop").endpoint("localhost:5432").build())
                .target(ServerInfo.builder().versionNumber(170006).database("shop").endpoint("db.example:6543").build())
                .startedAt(Instant.parse("2025-01-31T10:15:30.123Z"))
                .duration(Duration.ofMillis(3250))
                .addPhases(PhaseResult.of(Phase.PREPARE, Duration.ofMillis(250)),
                        PhaseResult.of(Phase.DATA, Duration.ofSeconds(2)),
                        PhaseResult.of(Phase.ANALYZE, Duration.ofSeconds(1)))
                .addTables(table("public", "orders", 1000, 2 * 1024 * 1024),
                        table("Sales", "Line \"items\"", 500, 1024 * 1024))
                .putObjects("table", 2)
                .putObjects("index", 3)
                .addWarnings(MigrationWarning.of("unsupported-object", "Event triggers are not migrated.", List.of("audit_ddl")))
                .completed(true)
                .jobs(4)
                .build();
    }
}
