package org.pgmigrate.examples.cli;

/**
 * The exit codes of {@code pgmigrate}; scripts rely on them, so they never change meaning.
 * Later versions add {@code 3} (validation failed: the migration did not start because a
 * pre-migration rule failed) and {@code 4} (verification found differences between source and
 * target after the copy).
 */
final class ExitCode {
    /** The migration completed (or help/version was printed). */
    static final int OK = 0;
    /** The migration failed: it could not connect, or it started and failed. */
    static final int FAILED = 1;
    /** The command line is wrong: unknown option, missing or malformed value, malformed URL. */
    static final int USAGE = 2;

    private ExitCode() {}
}
