package org.pgmigrate.benchmarks.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code pg_dump -Fd -j N} into a local directory, then {@code pg_restore -j N} into the target.
 * The restore alone is also the ingest floor: what the target needs to take the same data from
 * local files and build the same indexes, with no source to read.
 */
public final class DumpRestoreTool implements Tool {
    private final ClientTools tools;
    private final Measure total;
    private final Measure floor;

    public DumpRestoreTool(ClientTools tools, int jobs) {
        this.tools = tools;
        this.total = new Measure("pg_dump -Fd -j" + jobs + " + pg_restore -j" + jobs, Measure.Kind.ALTERNATIVE);
        this.floor = new Measure("ingest floor: pg_restore -j" + jobs + " of that dump on local disk", Measure.Kind.FLOOR);
    }

    @Override
    public ToolId id() {
        return ToolId.DUMP_RESTORE;
    }

    @Override
    public List<Measure> measures() {
        return List.of(total, floor);
    }

    @Override
    public ToolRun run(RunContext context) {
        Path dump = context.workDir().resolve("dump");
        Duration dumping = Processes.run(Commands.dumpDirectory(tools, context.sourceUri(), dump, context.jobs()), Map.of(), context.log());
        Duration restoring = Processes.run(Commands.restoreDirectory(tools, context.targetUri(), dump, context.jobs()), Map.of(), context.log());
        return new ToolRun(Map.of(total, dumping.plus(restoring), floor, restoring), Optional.empty(), List.of());
    }
}
