package org.pgmigrate.benchmarks.tools;

/** A tool exited with an error; the message says how and ends with the last lines it printed. */
public final class ToolFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ToolFailedException(String message) {
        super(message);
    }

    public ToolFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
