package org.pgmigrate.testkit.junit5;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.pgmigrate.testkit.DockerUnavailableException;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.SampleDatabase;
import org.pgmigrate.testkit.TestDatabase;

/**
 * Injects real PostgreSQL into tests:
 *
 * <ul>
 *   <li>{@link PostgresServer}: a server shared by every test of the run that asks for the same
 *       {@link Pg} major, instance and settings; started on first use, stopped at the end.
 *   <li>{@link TestDatabase}: a fresh, empty database on such a server (with the sample loaded if
 *       {@link Pg#sample()}), dropped after the test, or after the class for a
 *       {@code @BeforeAll} parameter.
 *   <li>{@link PostgresServers}: to choose servers at run time.
 * </ul>
 *
 * <pre>{@code
 * @ExtendWith(PostgresExtension.class)
 * class CopyIT {
 *     @Test
 *     void copies(@Pg(value = 17, instance = "source", sample = true) TestDatabase source,
 *                 @Pg(value = 17, instance = "target") TestDatabase target) { ... }
 * }
 * }</pre>
 *
 * <p>Servers come from the provider the JVM chose ({@link org.pgmigrate.testkit.ServerProvider}).
 * Where that is Testcontainers and no Docker engine is reachable, a test asking for one is skipped
 * (aborted) with the reason, not failed.
 */
public final class PostgresExtension implements ParameterResolver, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == PostgresServer.class || type == TestDatabase.class || type == PostgresServers.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == PostgresServers.class) {
            return new PostgresServers(extensionContext);
        }
        Optional<Pg> annotation = parameterContext.findAnnotation(Pg.class);
        ServerKey key = annotation.map(ServerKey::of).orElseGet(ServerKey::defaults);
        try {
            PostgresServer server = SharedServers.server(extensionContext, key);
            if (type == PostgresServer.class) {
                return server;
            }
            TestDatabase database = SharedServers.createDatabase(extensionContext, server);
            if (annotation.map(Pg::sample).orElse(false)) {
                SampleDatabase.load(database);
            }
            return database;
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("Could not provide PostgreSQL " + key.major() + " ("
                    + key.instance() + ") for " + parameterContext.getParameter() + ": " + e.getMessage(), e);
        }
    }

    // A resolver's exception fails the test, an abort included; so the handlers below turn a missing
    // Docker engine, from a parameter or from a server the test starts itself, into the abort.

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        abortWithoutDocker(throwable);
        throw throwable;
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        abortWithoutDocker(throwable);
        throw throwable;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        abortWithoutDocker(throwable);
        throw throwable;
    }

    /** Aborts the test, with the reason, where {@code throwable} comes from a missing Docker engine. */
    private static void abortWithoutDocker(Throwable throwable) {
        for (Throwable cause = throwable; cause != null; cause = cause.getCause()) {
            if (cause instanceof DockerUnavailableException) {
                Assumptions.abort(cause.getMessage());
            }
        }
    }
}
