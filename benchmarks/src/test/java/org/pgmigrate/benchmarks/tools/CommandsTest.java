package org.pgmigrate.benchmarks.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandsTest {
    private static final ClientTools TOOLS = new ClientTools(Path.of("/pg/bin"), 15, Optional.empty());
    private static final String SOURCE = "postgresql://postgres@localhost:5433/bench_source";
    private static final String TARGET = "postgresql://postgres@localhost:5434/bench_target";

    @Test
    void dumpsInDirectoryFormatUncompressedWithTheJobs() {
        assertThat(Commands.dumpDirectory(TOOLS, SOURCE, Path.of("/tmp/run/dump"), 2)).containsExactly(
                "/pg/bin/pg_dump", "-w", "--format=directory", "--compress=0", "--jobs=2", "--file=/tmp/run/dump",
                "--dbname=" + SOURCE);
    }

    @Test
    void restoresWithTheJobsAndStopsAtTheFirstError() {
        assertThat(Commands.restoreDirectory(TOOLS, TARGET, Path.of("/tmp/run/dump"), 3)).containsExactly(
                "/pg/bin/pg_restore", "-w", "--exit-on-error", "--jobs=3", "--dbname=" + TARGET, "/tmp/run/dump");
    }

    @Test
    void pipesAPlainDumpIntoPsqlThatStopsAtTheFirstError() {
        assertThat(Commands.dumpPlain(TOOLS, SOURCE)).containsExactly("/pg/bin/pg_dump", "-w", "--dbname=" + SOURCE);
        assertThat(Commands.psqlScript(TOOLS, TARGET)).containsExactly(
                "/pg/bin/psql", "-X", "-q", "-w", "-v", "ON_ERROR_STOP=1", "--dbname=" + TARGET);
    }

    @Test
    void clonesWithPgcopydbGivingTableAndIndexJobs() {
        assertThat(Commands.pgcopydbClone(Path.of("/usr/bin/pgcopydb"), SOURCE, TARGET, Path.of("/tmp/run/pgcopydb"), 2))
                .containsExactly("/usr/bin/pgcopydb", "clone", "--source", SOURCE, "--target", TARGET,
                        "--dir", "/tmp/run/pgcopydb", "--table-jobs", "2", "--index-jobs", "2");
    }
}
