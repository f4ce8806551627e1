package org.pgmigrate.benchmarks.tools;

import java.util.List;

/** {@code pg_dump | psql}: one plain SQL stream, no files, no parallelism. */
public final class DumpPipeTool implements Tool {
    private final ClientTools tools;
    private final Measure measure = new Measure("pg_dump | psql", Measure.Kind.ALTERNATIVE);

    public DumpPipeTool(ClientTools tools) {
        this.tools = tools;
    }

    @Override
    public ToolId id() {
        return ToolId.DUMP_PSQL;
    }

    @Override
    public List<Measure> measures() {
        return List.of(measure);
    }

    @Override
    public ToolRun run(RunContext context) {
        return ToolRun.timed(measure, Processes.pipe(Commands.dumpPlain(tools, context.sourceUri()),
                Commands.psqlScript(tools, context.targetUri()), context.log()));
    }
}
