package org.pgmigrate.testkit.junit5;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.ServerProvider;

/**
 * What makes two requested servers the same one: major, instance name, settings, and the provider
 * the JVM chose when the server was asked for (a test may change the property between runs).
 */
record ServerKey(int major, String instance, Map<String, String> settings, ServerProvider provider) {
    ServerKey {
        // Sorted, so that the order settings are written in does not start a second server.
        settings = Map.copyOf(new TreeMap<>(settings));
    }

    /** The server a parameter without {@link Pg} gets: {@link Pg}'s defaults. */
    static ServerKey defaults() {
        return of(Pg.DEFAULT_MAJOR, Pg.DEFAULT_INSTANCE, List.of());
    }

    static ServerKey of(Pg pg) {
        return of(pg.value(), pg.instance(), List.of(pg.settings()));
    }

    static ServerKey of(int major, String instance, List<String> settings) {
        Map<String, String> parsed = new TreeMap<>();
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("A setting is written name=value, not: " + setting);
            }
            parsed.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
        }
        return new ServerKey(major, instance, parsed, ServerProvider.ofThisJvm());
    }

    PostgresServer start() {
        PostgresServer.Builder builder = PostgresServer.builder(major).provider(provider);
        settings.forEach(builder::setting);
        return builder.start();
    }
}
