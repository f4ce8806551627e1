package org.pgmigrate.engine.internal.copy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Limits the bytes all workers together read from the source per second: each worker takes
 * what it read, and waits when the total is ahead of the allowed rate. Shared, so thread-safe.
 */
public final class Throttle {
    /** What waits: {@link Thread#sleep} in production, a recorder in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** The throttle that never waits. */
    public static final Throttle NONE = new Throttle(Long.MAX_VALUE, Clock.systemUTC(), d -> { });

    private final long bytesPerSecond;
    private final Clock clock;
    private final Sleeper sleeper;
    private Instant start;
    private long taken;

    /** A throttle that sleeps the worker: {@link #NONE} for {@link Long#MAX_VALUE} bytes per second. */
    public static Throttle sleeping(long bytesPerSecond, Clock clock) {
        return bytesPerSecond == Long.MAX_VALUE ? NONE : new Throttle(bytesPerSecond, clock, d -> Thread.sleep(d.toMillis()));
    }

    public Throttle(long bytesPerSecond, Clock clock, Sleeper sleeper) {
        this.bytesPerSecond = bytesPerSecond;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Counts {@code bytes} as read, then waits until the total is within the rate. */
    public void take(long bytes) {
        if (bytesPerSecond == Long.MAX_VALUE) {
            return;
        }
        Duration wait;
        synchronized (this) {
            Instant now = clock.instant();
            if (start == null) {
                start = now;
            }
            taken += bytes;
            long dueMillis = taken * 1000 / bytesPerSecond;
            long elapsedMillis = Duration.between(start, now).toMillis();
            wait = Duration.ofMillis(Math.max(0, dueMillis - elapsedMillis));
        }
        if (!wait.isZero()) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
