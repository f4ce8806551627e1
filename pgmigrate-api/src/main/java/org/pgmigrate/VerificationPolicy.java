package org.pgmigrate;

/** What a migration does with the comparison of target and source after the copy. */
public enum VerificationPolicy {
    /** Compare, and fail the migration when anything differs (the default). */
    FAIL_ON_DIFFERENCE,
    /** Compare, and report differences as warnings without failing. */
    WARN_ON_DIFFERENCE,
    /** Do not compare. */
    SKIP
}
