package org.pgmigrate.testkit.junit5;

import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.SampleDatabase;
import org.pgmigrate.testkit.TestDatabase;

/**
 * The shared servers, for tests that pick the major at run time (parameterized over
 * {@link PostgresServer#MAJORS}, say). Inject it as a parameter; databases it creates are dropped
 * when the test (or, for a class-level parameter, the class) ends.
 */
public final class PostgresServers {
    private final ExtensionContext context;

    PostgresServers(ExtensionContext context) {
        this.context = context;
    }

    /** The shared server of {@code major} (instance "default", no extra settings). */
    public PostgresServer server(int major) {
        return server(major, Pg.DEFAULT_INSTANCE);
    }

    /** The shared server of {@code major} named {@code instance}, with {@code settings} ("name=value"). */
    public PostgresServer server(int major, String instance, String... settings) {
        return SharedServers.server(context, ServerKey.of(major, instance, List.of(settings)));
    }

    /** A new, empty database on the default server of {@code major}. */
    public TestDatabase createDatabase(int major) {
        return SharedServers.createDatabase(context, server(major));
    }

    /** A new database on the default server of {@code major}, holding the {@link SampleDatabase}. */
    public TestDatabase createSampleDatabase(int major) {
        TestDatabase database = createDatabase(major);
        SampleDatabase.load(database);
        return database;
    }
}
