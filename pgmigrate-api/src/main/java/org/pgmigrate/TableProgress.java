package org.pgmigrate;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/** How far the copy of one table has got. */
@Value.Immutable
public abstract class TableProgress {
    public static Builder builder() {
        return new Builder();
    }

    /** The table, named as in SQL. */
    public abstract String qualifiedName();

    public abstract long rows();

    public abstract long bytes();

    /** The planner's estimate of the table's rows at the source, when it has one. */
    public abstract OptionalLong estimatedRows();

    /** Time since the table's copy started. */
    public abstract Duration elapsed();

    @Value.Derived
    public double rowsPerSecond() {
        return perSecond(rows());
    }

    @Value.Derived
    public double bytesPerSecond() {
        return perSecond(bytes());
    }

    /** Estimated time left, from the estimated rows and the rate so far. */
    public Optional<Duration> remaining() {
        if (estimatedRows().isEmpty() || rows() == 0 || estimatedRows().getAsLong() <= rows()) {
            return Optional.empty();
        }
        double seconds = (estimatedRows().getAsLong() - rows()) / rowsPerSecond();
        return Optional.of(Duration.ofMillis((long) (seconds * 1000)));
    }

    private double perSecond(long amount) {
        long millis = Math.max(1, elapsed().toMillis());
        return amount * 1000.0 / millis;
    }

    public static class Builder extends ImmutableTableProgress.Builder {}
}
