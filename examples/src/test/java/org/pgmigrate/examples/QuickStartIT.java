package org.pgmigrate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.cli.console.ConsoleProgress;

/** {@link QuickStart}, which the README quotes and {@code mvn -Pdemo} runs. */
class QuickStartIT {
    @Test
    void migratesTheSampleDatabase() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MigrationResult result;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            result = QuickStart.run(2, ConsoleProgress.forOutput(o, false));
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("DATA finished");
        assertThat(result.completed()).isTrue();
        assertThat(result.source().database()).isEqualTo("shop");
        assertThat(result.target().majorVersion()).isEqualTo(17);
        assertThat(result.tables()).isNotEmpty();
        assertThat(result.totalRows()).isPositive();
    }
}
