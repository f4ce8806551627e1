package org.pgmigrate.testkit;

/**
 * The {@link ServerProvider#TESTCONTAINERS} provider was chosen and no Docker engine is reachable.
 * Not a failure of the code under test: {@link org.pgmigrate.testkit.junit5.PostgresExtension}
 * turns it into a skipped test, and a test starting servers itself can do the same.
 */
public final class DockerUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public DockerUnavailableException(String message) {
        super(message);
    }
}
