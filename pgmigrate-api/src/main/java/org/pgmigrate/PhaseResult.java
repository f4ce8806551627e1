package org.pgmigrate;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/** How long one phase took. */
@Value.Immutable
public abstract class PhaseResult {
    public static PhaseResult of(Phase phase, Duration duration) {
        return new Builder().phase(phase).duration(duration).build();
    }

    /** The phase that ran from {@code start} to {@code end}. */
    public static PhaseResult of(Phase phase, Instant start, Instant end) {
        return new Builder().phase(phase).startedAt(start).duration(Duration.between(start, end)).build();
    }

    public abstract Phase phase();

    /** When the phase started (empty in a result built without it). */
    public abstract Optional<Instant> startedAt();

    public abstract Duration duration();

    public static class Builder extends ImmutablePhaseResult.Builder {}
}
