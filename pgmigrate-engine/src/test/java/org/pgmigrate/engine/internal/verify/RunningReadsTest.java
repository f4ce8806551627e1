package org.pgmigrate.engine.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pgmigrate.engine.internal.copy.Workers;

class RunningReadsTest {
    private final Workers.Job finish = session -> { };

    @Test
    void withNoReadRunningTheCallerKeepsTheJob() {
        RunningReads reads = new RunningReads();
        reads.started();
        assertThat(reads.ended()).isNull();

        assertThat(reads.handOver(finish)).isFalse();
        reads.started();
        assertThat(reads.ended()).as("a read that started later").isNull();
    }

    @Test
    void theLastOfTheRunningReadsToEndGetsTheJobOnce() {
        RunningReads reads = new RunningReads();
        reads.started();
        reads.started();

        assertThat(reads.handOver(finish)).isTrue();
        assertThat(reads.ended()).as("one read still runs").isNull();
        assertThat(reads.ended()).isSameAs(finish);
        reads.started();
        assertThat(reads.ended()).as("already handed on").isNull();
    }
}
