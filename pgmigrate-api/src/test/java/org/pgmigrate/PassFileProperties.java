package org.pgmigrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any field and password, escaped as libpq wants, is found again exactly. */
class PassFileProperties {
    @Provide
    Arbitrary<String> fields() {
        return Arbitraries.strings().withChars(":\\*# \t").withCharRange('a', 'e').withChars("é中").ofMinLength(1).ofMaxLength(12)
                .filter(s -> !s.equals("*") && !s.startsWith("#"));
    }

    @Property(tries = 200)
    void escapedLinesMatchExactly(@ForAll("fields") String host, @ForAll("fields") String database,
                                  @ForAll("fields") String user, @ForAll("fields") String password) throws IOException {
        Path file = Files.createTempFile("pgpass", "");
        try {
            Files.writeString(file, "#" + escape(host) + ":*:*:*:commented\n"
                    + escape(host) + "x:*:*:*:other-host\n"
                    + escape(host) + ":5432:" + escape(database) + ":" + escape(user) + ":" + escape(password) + "\n"
                    + "*:*:*:*:fallback\n");
            assertThat(PassFile.lookup(file, host, "5432", database, user)).contains(password);
            assertThat(PassFile.lookup(file, host, "5433", database, user)).contains("fallback");
        } finally {
            Files.delete(file);
        }
    }

    private static String escape(String field) {
        return field.replace("\\", "\\\\").replace(":", "\\:");
    }
}
