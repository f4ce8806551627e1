package org.pgmigrate.cli;

/** The exit codes of {@code pgmigrate}; scripts rely on them, so they never change meaning. */
final class ExitCode {
    /** The migration completed (or help/version was printed). */
    static final int OK = 0;
    /** The migration failed: it could not connect, or it started and failed. */
    static final int FAILED = 1;
    /** The command line is wrong: unknown option, missing or malformed value, malformed URL. */
    static final int USAGE = 2;
    /** A pre-migration rule failed (validate, migrate --validate); nothing was changed on the target. */
    static final int VALIDATION_FAILED = 3;
    /** The copy completed but the target differs from the source (migrate), or they differ (verify). */
    static final int VERIFICATION_FAILED = 4;

    private ExitCode() {}
}
