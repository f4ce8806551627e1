package org.pgmigrate.benchmarks.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuMeterTest {
    // a postgres backend's line: the command holds spaces and a parenthesis of its own
    private static final String STAT = "4242 (postgres: bench (x) COPY) S 4100 4100 4100 0 -1 4194560 9144 0 0 0 "
            + "1234 56 78 9 20 0 1 0 123456 230686720 4096 18446744073709551615 1 1 0 0 0 0 4194304 19935232 16390 0 0 0 17 1 0 0 0 0 0";

    @Test
    void readsUserAndSystemTimeAfterTheCommand() {
        assertThat(CpuMeter.ticksOf(STAT, false)).isEqualTo(1234 + 56);
    }

    @Test
    void addsWhatTheProcessWaitedForOfItsChildren() {
        assertThat(CpuMeter.ticksOf(STAT, true)).isEqualTo(1234 + 56 + 78 + 9);
    }

    @Test
    void thisProcessHasUsedSomeCpu() {
        assertThat(CpuMeter.ticks(ProcessHandle.current().pid(), false)).isPositive();
        assertThat(CpuMeter.ticks(Long.MAX_VALUE, true)).isZero();
    }
}
