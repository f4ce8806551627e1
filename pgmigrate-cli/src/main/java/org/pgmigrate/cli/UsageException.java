package org.pgmigrate.cli;

/** The command line is wrong (exit code 2); the message says what is wrong, in one line. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
