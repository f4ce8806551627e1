package org.pgmigrate.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pgmigrate.benchmarks.data.Shape;
import org.pgmigrate.benchmarks.tools.ToolId;

class BenchmarkOptionsTest {
    @Test
    void defaultsToOneGigabyteThreeRoundsTwoJobsAllTools() {
        BenchmarkOptions options = BenchmarkOptions.parse();

        assertThat(options.sizeBytes()).isEqualTo(1_000_000_000L);
        assertThat(options.smallTables()).isEqualTo(200);
        assertThat(options.rounds()).isEqualTo(3);
        assertThat(options.jobs()).isEqualTo(2);
        assertThat(options.tools()).isEqualTo(EnumSet.allOf(ToolId.class));
        assertThat(options.major()).isEmpty();
        assertThat(options.shape()).isEqualTo(Shape.MIXED);
        assertThat(options.sourceMajor()).isEmpty();
    }

    @Test
    void readsEveryOption() {
        BenchmarkOptions options = BenchmarkOptions.parse("--size", "200MB", "--small-tables", "10000", "--rounds", "5", "--jobs", "4",
                "--tools", "pgmigrate, pgcopydb", "--major", "16", "--shape", "many-small", "--source-major", "11");

        assertThat(options.sizeBytes()).isEqualTo(200_000_000L);
        assertThat(options.smallTables()).isEqualTo(10_000);
        assertThat(options.rounds()).isEqualTo(5);
        assertThat(options.jobs()).isEqualTo(4);
        assertThat(options.tools()).containsExactlyInAnyOrder(ToolId.PGMIGRATE, ToolId.PGCOPYDB);
        assertThat(options.major()).isEqualTo(Optional.of(16));
        assertThat(options.shape()).isEqualTo(Shape.MANY_SMALL);
        assertThat(options.sourceMajor()).isEqualTo(Optional.of(11));
    }

    @Test
    void refusesBadOptions() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--size")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--shape", "round")).hasMessageContaining("choose from mixed, wide, many-small");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--speed", "fast")).hasMessageContaining("Unknown option --speed");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--rounds", "three")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--rounds", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--small-tables", "-1")).hasMessageContaining("cannot be negative");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--size", "10MB")).hasMessageContaining("at least 64 MB");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--tools", "pgmigrate,mysqldump"))
                .hasMessageContaining("Unknown tool 'mysqldump'").hasMessageContaining("dump-restore");
    }
}
