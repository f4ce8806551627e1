package org.pgmigrate.benchmarks;

import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.util.Optional;
import org.pgmigrate.testkit.TestDatabase;

/**
 * Compares a target with the source through the testkit's equivalence assertion (schema, owners,
 * privileges, row counts and content digests), which shares no code with pgmigrate's engine.
 */
final class TargetCheck {
    private static final int LISTED = 10;

    private TargetCheck() {}

    /** The differences found, as the assertion words them; empty when the target equals the source. */
    static Optional<String> differences(TestDatabase target, TestDatabase source) {
        try {
            assertThatDatabase(target).listingAtMost(LISTED).isEquivalentTo(source);
            return Optional.empty();
        } catch (AssertionError e) {
            return Optional.of(e.getMessage());
        }
    }
}
