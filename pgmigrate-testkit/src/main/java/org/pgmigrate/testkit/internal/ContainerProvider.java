package org.pgmigrate.testkit.internal;

import java.util.Map;

/**
 * The way into the testcontainers provider, free of Testcontainers types itself: it checks that
 * Testcontainers is on the classpath before {@link ContainerServer}, which needs it, is loaded, so a
 * team that chose the provider without the dependency learns which one to add.
 */
public final class ContainerProvider {
    static final String DEPENDENCY = "org.testcontainers:postgresql";
    private static final String CONTAINER_CLASS = "org.testcontainers.containers.PostgreSQLContainer";

    private ContainerProvider() {}

    /** Starts a {@code postgres:<major>} container with {@code settings} on its command line. */
    public static ServerProcess start(int major, Map<String, String> settings) {
        requireTestcontainers(ContainerProvider.class.getClassLoader());
        return ContainerServer.start(major, settings);
    }

    static void requireTestcontainers(ClassLoader loader) {
        try {
            Class.forName(CONTAINER_CLASS, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The testcontainers provider needs Testcontainers on the test classpath, and "
                    + CONTAINER_CLASS + " is not there: add the dependency " + DEPENDENCY
                    + " (test scope, 1.21.4 or a later 1.x), or choose the embedded provider", e);
        }
    }
}
