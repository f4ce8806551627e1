package org.pgmigrate.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pgmigrate.benchmarks.tools.ClientTools;
import org.pgmigrate.benchmarks.tools.Tool;
import org.pgmigrate.benchmarks.tools.ToolId;

class ContendersTest {
    private static final BenchmarkOptions ALL = BenchmarkOptions.parse();
    private static final ClientTools PG15_WITH_PGCOPYDB =
            new ClientTools(Path.of("/usr/lib/postgresql/15/bin"), 15, Optional.of(Path.of("/usr/bin/pgcopydb")));

    @Test
    void everyToolTakesPartWhenTheClientProgramsMatchTheServers() {
        Contenders contenders = Contenders.choose(ALL, Optional.of(PG15_WITH_PGCOPYDB), 15);

        assertThat(contenders.tools()).extracting(Tool::id)
                .containsExactly(ToolId.PGMIGRATE, ToolId.PGMIGRATE_COPY, ToolId.DUMP_RESTORE, ToolId.DUMP_PSQL, ToolId.PGCOPYDB);
        assertThat(contenders.skipped()).isEmpty();
    }

    @Test
    void onlyPgmigrateRunsWithoutClientPrograms() {
        Contenders contenders = Contenders.choose(ALL, Optional.empty(), 17);

        assertThat(contenders.tools()).extracting(Tool::id).containsExactly(ToolId.PGMIGRATE, ToolId.PGMIGRATE_COPY);
        assertThat(contenders.skipped()).hasSize(3).allSatisfy(reason -> assertThat(reason).contains("no pg_dump"));
    }

    @Test
    void clientProgramsOlderThanTheServersAreLeftOutWithTheReason() {
        Contenders contenders = Contenders.choose(ALL, Optional.of(PG15_WITH_PGCOPYDB), 17);

        assertThat(contenders.tools()).extracting(Tool::id).containsExactly(ToolId.PGMIGRATE, ToolId.PGMIGRATE_COPY);
        assertThat(contenders.skipped()).first().asString().contains("PostgreSQL 15, older than the servers' 17");
    }

    @Test
    void pgcopydbIsLeftOutWhenNotInstalled() {
        ClientTools withoutPgcopydb = new ClientTools(PG15_WITH_PGCOPYDB.binDir(), 15, Optional.empty());

        Contenders contenders = Contenders.choose(ALL, Optional.of(withoutPgcopydb), 15);

        assertThat(contenders.tools()).extracting(Tool::id).doesNotContain(ToolId.PGCOPYDB).hasSize(4);
        assertThat(contenders.skipped()).containsExactly("pgcopydb: no pgcopydb on PATH (Debian package pgcopydb)");
    }

    @Test
    void onlyTheChosenToolsTakePart() {
        BenchmarkOptions some = BenchmarkOptions.parse("--tools", "dump-psql,pgmigrate");

        Contenders contenders = Contenders.choose(some, Optional.of(PG15_WITH_PGCOPYDB), 15);

        assertThat(contenders.tools()).extracting(Tool::id).containsExactly(ToolId.PGMIGRATE, ToolId.DUMP_PSQL);
    }

    @Test
    void eachRoundStartsWithTheNextTool() {
        Contenders contenders = Contenders.choose(ALL, Optional.of(PG15_WITH_PGCOPYDB), 15);

        assertThat(contenders.inRound(1)).extracting(Tool::id)
                .containsExactly(ToolId.PGMIGRATE, ToolId.PGMIGRATE_COPY, ToolId.DUMP_RESTORE, ToolId.DUMP_PSQL, ToolId.PGCOPYDB);
        assertThat(contenders.inRound(2)).extracting(Tool::id)
                .containsExactly(ToolId.PGMIGRATE_COPY, ToolId.DUMP_RESTORE, ToolId.DUMP_PSQL, ToolId.PGCOPYDB, ToolId.PGMIGRATE);
        assertThat(contenders.inRound(6)).extracting(Tool::id)
                .containsExactly(ToolId.PGMIGRATE, ToolId.PGMIGRATE_COPY, ToolId.DUMP_RESTORE, ToolId.DUMP_PSQL, ToolId.PGCOPYDB);
    }
}
