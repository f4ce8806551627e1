package org.pgmigrate;

/** Whether a run validates, migrates, or both. */
public enum MigrationOption {
    /** Run the pre-migration rules and report; change nothing on either server. */
    VALIDATE,
    /** Migrate without running the pre-migration rules. */
    MIGRATE,
    /** Run the rules, and migrate only when none of them failed. */
    VALIDATE_AND_MIGRATE
}
