package org.pgmigrate.benchmarks;

/** How one run of a tool ended, as far as the target's contents go. */
enum Outcome {
    /** The target equals the source. */
    EQUAL,
    /** The tool finished but the target differs from the source. */
    DIFFERENT,
    /** The tool failed; nothing was measured. */
    FAILED
}
