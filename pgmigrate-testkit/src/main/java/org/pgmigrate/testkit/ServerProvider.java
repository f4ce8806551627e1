package org.pgmigrate.testkit;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Where a {@link PostgresServer} runs. A server built with {@link PostgresServer.Builder#provider}
 * runs there; any other where this JVM says: the system property {@value #PROPERTY}, else the
 * environment variable {@value #VARIABLE}, else {@link #EMBEDDED}.
 */
public enum ServerProvider {
    /** zonky's embedded binaries, run as a local process: no Docker needed. */
    EMBEDDED,
    /**
     * A Testcontainers {@code PostgreSQLContainer} of the image {@code postgres:<major>}. Needs
     * {@code org.testcontainers:postgresql} on the test classpath and a Docker engine; it cannot
     * take {@link PostgresServer.Builder#hbaRule}, {@link PostgresServer.Builder#tls} or
     * {@link PostgresServer#installExtension}.
     */
    TESTCONTAINERS;

    public static final String PROPERTY = "pgmigrate.testkit.provider";
    public static final String VARIABLE = "PGMIGRATE_TESTKIT_PROVIDER";

    /** The provider this JVM chose for servers that do not choose their own. */
    public static ServerProvider ofThisJvm() {
        return chosen(System::getProperty, System::getenv);
    }

    /** The provider {@code properties} or else {@code environment} names; {@link #EMBEDDED} where neither does. */
    static ServerProvider chosen(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String property = properties.apply(PROPERTY);
        if (property != null && !property.isBlank()) {
            return named(property, "system property " + PROPERTY);
        }
        String variable = environment.apply(VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return named(variable, "environment variable " + VARIABLE);
        }
        return EMBEDDED;
    }

    private static ServerProvider named(String value, String source) {
        String name = value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The " + source + " names no testkit provider: '" + value
                        + "'; choose embedded or testcontainers"));
    }

    /** The name the property and the variable take. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
