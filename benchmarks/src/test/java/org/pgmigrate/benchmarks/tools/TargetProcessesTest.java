package org.pgmigrate.benchmarks.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetProcessesTest {
    @Test
    void aProcessTitleNamesItsKind() {
        assertThat(TargetProcesses.kindOf("postgres: autovacuum worker bench_target\0")).isEqualTo("autovacuum");
        assertThat(TargetProcesses.kindOf("postgres: checkpointer \0")).isEqualTo("checkpointer");
        assertThat(TargetProcesses.kindOf("postgres: postgres bench_target 127.0.0.1(47346) COPY\0")).isEqualTo("backends");
        assertThat(TargetProcesses.kindOf("postgres: logical replication launcher \0")).isEqualTo("logical replication");
        assertThat(TargetProcesses.kindOf("postgres: stats collector \0")).isEqualTo("other");
    }
}
