package org.pgmigrate.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;

class SummaryTest {
    @Test
    void showsServersPhasesTotalsTablesObjectsAndWarnings() {
        String summary = Summary.format(SampleResults.shop());

        assertThat(summary)
                .contains("Migration m-42 completed in 3.3 s (offline)")
                .contains("source  PostgreSQL 16, database shop, localhost:5432")
                .contains("target  PostgreSQL 17, database shop, db.example:6543")
                .containsPattern("PREPARE +250 ms")
                .containsPattern("DATA +2.0 s")
                .containsPattern("ANALYZE +1.0 s")
                // 3 MiB and 1,500 rows over the 2-second DATA phase, not over the 3.25-second run
                .contains("2 tables, 1,500 rows, 3.0 MiB; 1.5 MiB/s, 750 rows/s")
                .containsPattern("public\\.orders +1,000 +2\\.0 MiB +1\\.5 s +250 ms")
                .contains("\"Sales\".\"Line \"\"items\"\"\"")
                .contains("table 2, index 3")
                .contains("Warnings (1)")
                .contains("unsupported-object: Event triggers are not migrated. [audit_ddl]");
    }

    @Test
    void listsOnlyTheTenLargestTablesLargestFirst() {
        MigrationResult.Builder builder = MigrationResult.builder().from(SampleResults.shop()).tables(
                IntStream.rangeClosed(1, 12)
                        .mapToObj(i -> SampleResults.table("public", "t" + i, i, i * 1000L))
                        .collect(Collectors.toList()));

        String summary = Summary.format(builder.build());

        assertThat(summary).contains("Largest 10 tables").contains("public.t12").contains("public.t3")
                .doesNotContain("public.t2 ").doesNotContain("public.t1 ");
        assertThat(summary.indexOf("public.t12")).isLessThan(summary.indexOf("public.t11"));
    }

    @Test
    void singularTableAndNoWarnings() {
        MigrationResult result = MigrationResult.builder().from(SampleResults.shop())
                .tables(java.util.List.of(SampleResults.table("public", "orders", 1, 10)))
                .warnings(java.util.List.of())
                .build();

        assertThat(Summary.format(result)).contains("  1 table, 1 row, 10 B").contains("Warnings: none")
                .contains("Tables (largest first)");
    }

    @Test
    void throughputFallsBackToTheWholeRunWithoutADataPhase() {
        MigrationResult result = MigrationResult.builder().from(SampleResults.shop())
                .phases(java.util.List.of(PhaseResult.of(Phase.PREPARE, Duration.ofSeconds(1))))
                .duration(Duration.ofSeconds(3))
                .build();

        assertThat(Summary.format(result)).contains("3.0 MiB; 1.0 MiB/s, 500 rows/s");
    }
}
