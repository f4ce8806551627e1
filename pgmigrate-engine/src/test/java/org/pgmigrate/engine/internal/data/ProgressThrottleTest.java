package org.pgmigrate.engine.internal.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.engine.MutableClock;
import org.pgmigrate.TableProgress;

class ProgressThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<TableProgress> events = new ArrayList<>();
    private final MigrationListener listener = new MigrationListener() {
        @Override
        public void tableProgress(TableProgress progress) {
            events.add(progress);
        }
    };

    @Test
    void sendsAtMostOneEventASecondWithRatesAndTimeLeft() {
        ProgressThrottle throttle = new ProgressThrottle(clock, clock.instant(), "shop.orders", 10_000, listener);
        clock.advance(Duration.ofMillis(500));
        throttle.copied(1_000, 50_000);
        assertThat(events).isEmpty();
        clock.advance(Duration.ofMillis(1_500));
        throttle.copied(4_000, 200_000);
        clock.advance(Duration.ofMillis(300));
        throttle.copied(4_500, 225_000);
        assertThat(events).singleElement().satisfies(p -> {
            assertThat(p.qualifiedName()).isEqualTo("shop.orders");
            assertThat(p.rows()).isEqualTo(4_000);
            assertThat(p.rowsPerSecond()).isEqualTo(2_000.0);
            assertThat(p.bytesPerSecond()).isEqualTo(100_000.0);
            assertThat(p.remaining()).contains(Duration.ofSeconds(3));
        });
    }

    @Test
    void withoutAnEstimateThereIsNoTimeLeft() {
        ProgressThrottle throttle = new ProgressThrottle(clock, clock.instant(), "t", -1, listener);
        clock.advance(Duration.ofSeconds(2));
        throttle.copied(10, 10);
        assertThat(events).singleElement().satisfies(p -> {
            assertThat(p.estimatedRows()).isEmpty();
            assertThat(p.remaining()).isEmpty();
        });
    }
}
