package org.pgmigrate.benchmarks.tools;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code pgcopydb clone} with {@code --table-jobs N --index-jobs N} and its other defaults. It runs
 * {@code pg_dump}/{@code pg_restore} for the schema; those of {@link ClientTools} come first on its
 * {@code PATH}.
 */
public final class PgCopyDbTool implements Tool {
    private final ClientTools tools;
    private final Path pgcopydb;
    private final Measure measure;

    public PgCopyDbTool(ClientTools tools, Path pgcopydb, int jobs) {
        this.tools = tools;
        this.pgcopydb = pgcopydb;
        this.measure = new Measure("pgcopydb clone --table-jobs " + jobs + " --index-jobs " + jobs, Measure.Kind.ALTERNATIVE);
    }

    @Override
    public ToolId id() {
        return ToolId.PGCOPYDB;
    }

    @Override
    public List<Measure> measures() {
        return List.of(measure);
    }

    @Override
    public ToolRun run(RunContext context) {
        String path = tools.binDir() + File.pathSeparator + System.getenv().getOrDefault("PATH", "");
        List<String> command = Commands.pgcopydbClone(pgcopydb, context.sourceUri(), context.targetUri(),
                context.workDir().resolve("pgcopydb"), context.jobs());
        return ToolRun.timed(measure, Processes.run(command, Map.of("PATH", path), context.log()));
    }
}
