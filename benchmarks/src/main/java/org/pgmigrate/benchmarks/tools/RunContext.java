package org.pgmigrate.benchmarks.tools;

import java.nio.file.Path;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;

/**
 * Where one run happens: the source, a fresh empty target, the parallel jobs every tool gets, a
 * directory of the run's own for files, and the file its programs' output goes to.
 */
public record RunContext(TestDatabase source, TestDatabase target, int jobs, Path workDir, Path log) {
    String sourceUri() {
        return source.server().uri(PostgresServer.SUPERUSER, source.name());
    }

    String targetUri() {
        return target.server().uri(PostgresServer.SUPERUSER, target.name());
    }
}
