package org.pgmigrate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The client authentication file every testkit server uses: the superuser is trusted on
 * loopback, every other role must give its password.
 */
final class HbaFile {
    private static final String CONTENT = String.join("\n",
            "local all postgres trust",
            "host all postgres 127.0.0.1/32 trust",
            "host all postgres ::1/128 trust",
            "local replication postgres trust",
            "host replication postgres 127.0.0.1/32 trust",
            "host replication postgres ::1/128 trust",
            "local all all md5",
            "host all all 127.0.0.1/32 md5",
            "host all all ::1/128 md5",
            "host replication all 127.0.0.1/32 md5",
            "host replication all ::1/128 md5",
            "");

    private HbaFile() {}

    /** A new file: {@code firstRules} (matched first, so they can override the defaults), then the defaults. */
    static synchronized Path path(List<String> firstRules) {
        try {
            Path file = Files.createTempFile("pgmigrate-hba", ".conf");
            Files.writeString(file, firstRules.stream().map(rule -> rule + "\n").collect(Collectors.joining()) + CONTENT);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
