package org.pgmigrate.spi.copy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one table's rows travel: the COPY format, the parts the table is read in (each on a worker of
 * its own), the transformation rows pass through between source and target, and a limit on the
 * bytes per second read for the table. Immutable: each {@code with...} returns a new plan.
 *
 * <p>A table copied in parts is loaded without {@code COPY FREEZE} (its parts share it), and a
 * verified run then reads its source rows again rather than trust that the parts covered every row
 * once; the built-in strategy's parts (ranges of pages or of an integer key) are trusted.
 *
 * <p><b>Incubating</b>: may change between minor versions.
 */
public final class CopyPlan {
    private final boolean binary;
    private final List<String> parts;
    private final RowTransform transform;
    private final long maxBytesPerSecond;

    private CopyPlan(boolean binary, List<String> parts, RowTransform transform, long maxBytesPerSecond) {
        this.binary = binary;
        this.parts = List.copyOf(parts);
        this.transform = transform;
        this.maxBytesPerSecond = maxBytesPerSecond;
    }

    /** The whole table in COPY's text format, rows unchanged, no limit of its own. */
    public static CopyPlan text() {
        return new CopyPlan(false, List.of(), null, Long.MAX_VALUE);
    }

    /** The whole table in COPY's binary format, rows unchanged, no limit of its own. */
    public static CopyPlan binary() {
        return new CopyPlan(true, List.of(), null, Long.MAX_VALUE);
    }

    /**
     * The same plan with the table read in parts: each a condition on the source's rows (SQL, as
     * after WHERE; quote identifiers), every row in exactly one. An empty list reads it whole.
     */
    public CopyPlan withParts(List<String> conditions) {
        conditions.forEach(c -> {
            if (c == null || c.isBlank()) {
                throw new IllegalArgumentException("A part's condition is empty: " + conditions);
            }
        });
        return new CopyPlan(binary, conditions, transform, maxBytesPerSecond);
    }

    /** The same plan with rows passing through {@code rowTransform} (null for none). */
    public CopyPlan withTransform(RowTransform rowTransform) {
        return new CopyPlan(binary, parts, rowTransform, maxBytesPerSecond);
    }

    /** The same plan in the binary format ({@code true}) or the text format. */
    public CopyPlan withBinary(boolean inBinary) {
        return new CopyPlan(inBinary, parts, transform, maxBytesPerSecond);
    }

    /** The same plan reading at most {@code bytesPerSecond} of this table, besides the run's own throttle. */
    public CopyPlan withMaxBytesPerSecond(long bytesPerSecond) {
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("A table's throttle must be positive, was " + bytesPerSecond);
        }
        return new CopyPlan(binary, parts, transform, bytesPerSecond);
    }

    /** Whether rows travel in COPY's binary format. */
    public boolean isBinary() {
        return binary;
    }

    /** The conditions of the parts; empty when the table is read whole. */
    public List<String> parts() {
        return parts;
    }

    /** What rows pass through on their way. */
    public Optional<RowTransform> transform() {
        return Optional.ofNullable(transform);
    }

    /** The most bytes per second read for this table ({@link Long#MAX_VALUE}: no limit of its own). */
    public long maxBytesPerSecond() {
        return maxBytesPerSecond;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CopyPlan p && p.binary == binary && p.parts.equals(parts) && Objects.equals(p.transform, transform)
                && p.maxBytesPerSecond == maxBytesPerSecond;
    }

    @Override
    public int hashCode() {
        return Objects.hash(binary, parts, transform, maxBytesPerSecond);
    }

    @Override
    public String toString() {
        return (binary ? "binary" : "text") + (parts.isEmpty() ? ", whole" : ", " + parts.size() + " parts")
                + (transform == null ? "" : ", through " + transform) + (maxBytesPerSecond == Long.MAX_VALUE ? "" : ", at most "
                + maxBytesPerSecond + " bytes/s");
    }
}
