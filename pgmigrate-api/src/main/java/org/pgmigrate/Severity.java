package org.pgmigrate;

/**
 * How a validation {@link Finding} ends, in increasing order of gravity. The same scale gives a
 * {@link ValidationReport}'s overall {@linkplain ValidationReport#outcome() outcome}.
 */
public enum Severity {
    /** The rule found nothing in the way. */
    SUCCEEDED,
    /** The migration can run, but something will not be as on the source, or needs attention. */
    WARNING,
    /** The migration would fail or lose something; Validate-and-Migrate does not start. */
    FAILED;

    /** The graver of this and {@code other}. */
    public Severity worst(Severity other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
