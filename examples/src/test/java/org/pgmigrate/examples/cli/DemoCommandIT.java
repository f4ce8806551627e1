package org.pgmigrate.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgmigrate demo}, and with it {@link org.pgmigrate.examples.QuickStart}, which the README quotes. */
class DemoCommandIT {
    @Test
    void migratesTheSampleDatabase(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("demo.json");

        CommandRun run = CommandRun.runPublic("demo", "--jobs", "2", "--report", report.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("DATA finished").contains("Migration ").contains(" completed in ");
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        assertThat(r.get("completed").asBoolean()).isTrue();
        assertThat(r.get("source").get("database").asText()).isEqualTo("shop");
        assertThat(r.get("target").get("majorVersion").asInt()).isEqualTo(17);
        assertThat(r.get("totals").get("tables").asInt()).isPositive();
        assertThat(r.get("totals").get("rows").asLong()).isPositive();
    }
}
