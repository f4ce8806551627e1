package org.pgmigrate.benchmarks.tools;

import java.util.List;

/** A way of migrating the source into an empty target, timed. */
public interface Tool {
    ToolId id();

    /** The lines of results each run yields, the main one first. */
    List<Measure> measures();

    /**
     * Migrates {@code context.source()} into the empty {@code context.target()}.
     *
     * @throws ToolFailedException when the tool reports a failure
     */
    ToolRun run(RunContext context);
}
