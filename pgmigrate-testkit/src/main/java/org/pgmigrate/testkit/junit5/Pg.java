package org.pgmigrate.testkit.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chooses the server behind a {@link org.pgmigrate.testkit.PostgresServer} or
 * {@link org.pgmigrate.testkit.TestDatabase} parameter that {@link PostgresExtension} injects:
 *
 * <pre>{@code
 * @Test
 * void copies(@Pg(value = 11, sample = true) TestDatabase source, @Pg(17) TestDatabase target) { ... }
 * }</pre>
 *
 * Parameters with the same major, instance and settings share one server for the whole test run.
 * A parameter without {@code @Pg} gets the defaults.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Pg {
    /** The major a parameter gets when it does not say. */
    int DEFAULT_MAJOR = 17;

    /** The instance a parameter gets when it does not say. */
    String DEFAULT_INSTANCE = "default";

    /** The PostgreSQL major version, one of {@link org.pgmigrate.testkit.PostgresServer#MAJORS}. */
    int value() default DEFAULT_MAJOR;

    /**
     * Names a server, so a test can have two servers of one major, e.g. "source" and "target".
     */
    String instance() default DEFAULT_INSTANCE;

    /** Server settings as {@code name=value}, e.g. {@code "wal_level=logical"}. */
    String[] settings() default {};

    /** Loads the {@link org.pgmigrate.testkit.SampleDatabase} into a database parameter. */
    boolean sample() default false;
}
