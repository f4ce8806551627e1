package org.pgmigrate.engine.internal.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgmigrate.ReplicationLag;

class LagSamplesTest {
    private static final Instant START = Instant.parse("2025-01-31T10:00:00Z");

    @Test
    void aDayOfMeasurementsKeepsAThousandSpreadOverTheWholeRun() {
        LagSamples samples = new LagSamples();
        int seconds = 24 * 3600;
        for (int i = 0; i < seconds; i++) {
            samples.add(ReplicationLag.of(i, Duration.ZERO, START.plusSeconds(i), i, i));
        }

        List<ReplicationLag> kept = samples.all();
        assertThat(kept).hasSizeBetween(500, 1000);
        assertThat(kept.get(0).measuredAt()).isEqualTo(START);
        // evenly spread: 86,400 measurements thinned to one in 128, the last within 128 s of the end
        assertThat(Duration.between(kept.get(1).measuredAt(), kept.get(2).measuredAt())).isEqualTo(Duration.ofSeconds(128));
        assertThat(Duration.between(kept.get(kept.size() - 1).measuredAt(), START.plusSeconds(seconds - 1))).isLessThan(Duration.ofSeconds(128));
    }

    @Test
    void aShortRunKeepsEveryMeasurement() {
        LagSamples samples = new LagSamples();
        for (int i = 0; i < 10; i++) {
            samples.add(ReplicationLag.of(i, Duration.ZERO, START.plusSeconds(i), 0, 0));
        }

        assertThat(samples.all()).extracting(ReplicationLag::bytes).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }
}
