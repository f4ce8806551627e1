package org.pgmigrate.benchmarks.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ClientToolsTest {
    @Test
    void readsTheMajorFromVersionOutput() {
        assertThat(ClientTools.majorOf("pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n")).isEqualTo(OptionalInt.of(15));
        assertThat(ClientTools.majorOf("pg_dump (PostgreSQL) 17.2")).isEqualTo(OptionalInt.of(17));
        assertThat(ClientTools.majorOf("pg_dump (PostgreSQL) 9.6.24")).isEqualTo(OptionalInt.of(9));
        assertThat(ClientTools.majorOf("Error: no version")).isEmpty();
    }

    @Test
    void searchesPathFirstThenDebiansDirectoriesEachOnce() {
        List<Path> dirs = ClientTools.searchDirectories("/usr/local/bin:/usr/lib/postgresql/16/bin::/usr/bin",
                List.of(Path.of("/usr/lib/postgresql/16/bin"), Path.of("/usr/lib/postgresql/15/bin")));

        assertThat(dirs).containsExactly(Path.of("/usr/local/bin"), Path.of("/usr/lib/postgresql/16/bin"),
                Path.of("/usr/bin"), Path.of("/usr/lib/postgresql/15/bin"));
    }

    @Test
    void ordersDebianMajorsNewestFirstIgnoringOtherFolders() {
        List<Path> bins = ClientTools.debianBinDirectories(List.of(Path.of("/usr/lib/postgresql/9"),
                Path.of("/usr/lib/postgresql/15"), Path.of("/usr/lib/postgresql/lib"), Path.of("/usr/lib/postgresql/16")));

        assertThat(bins).containsExactly(Path.of("/usr/lib/postgresql/16/bin"), Path.of("/usr/lib/postgresql/15/bin"),
                Path.of("/usr/lib/postgresql/9/bin"));
    }

    @Test
    void takesAllThreeProgramsFromOneDirectory() {
        ClientTools tools = new ClientTools(Path.of("/opt/pg/bin"), 15, java.util.Optional.empty());

        assertThat(List.of(tools.pgDump(), tools.pgRestore(), tools.psql()))
                .containsExactly(Path.of("/opt/pg/bin/pg_dump"), Path.of("/opt/pg/bin/pg_restore"), Path.of("/opt/pg/bin/psql"));
    }
}
