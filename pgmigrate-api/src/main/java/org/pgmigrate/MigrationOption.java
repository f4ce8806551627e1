package org.pgmigrate;

/** Whether a run validates, migrates, or both. */
public enum MigrationOption {
    /**
     * Run the pre-migration rules and report; change nothing on either server. See
     * {@link Migration.Builder#validate()}, which returns the {@link ValidationReport}.
     */
    VALIDATE,
    /** Migrate without running the pre-migration rules (the default). */
    MIGRATE,
    /**
     * Run the rules, and migrate only when none of them failed; a failed rule throws
     * {@link ValidationFailedException} with the report, and the target stays untouched. Warnings do
     * not stop the migration; the result carries them in {@link MigrationResult#validation()}.
     */
    VALIDATE_AND_MIGRATE
}
