package org.pgmigrate.engine.internal.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgmigrate.engine.MutableClock;

class ThrottleTest {
    @Test
    void waitsUntilTheBytesTakenFitTheRate() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        List<Duration> waits = new ArrayList<>();
        Throttle throttle = new Throttle(1000, clock, d -> {
            waits.add(d);
            clock.advance(d);
        });
        throttle.take(500);       // 0.5 s worth at t=0: wait 500 ms
        throttle.take(500);       // 1 s worth at t=0.5 s: wait 500 ms
        clock.advance(Duration.ofSeconds(5));
        throttle.take(2000);      // 3 s worth at t=6 s: ahead of nothing, no wait
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
    }
}
