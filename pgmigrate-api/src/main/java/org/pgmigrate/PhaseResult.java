package org.pgmigrate;

import java.time.Duration;
import org.immutables.value.Value;

/** How long one phase took. */
@Value.Immutable
public abstract class PhaseResult {
    public static PhaseResult of(Phase phase, Duration duration) {
        return new Builder().phase(phase).duration(duration).build();
    }

    public abstract Phase phase();

    public abstract Duration duration();

    public static class Builder extends ImmutablePhaseResult.Builder {}
}
