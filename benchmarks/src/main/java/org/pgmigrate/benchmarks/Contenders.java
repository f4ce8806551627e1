package org.pgmigrate.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.pgmigrate.benchmarks.tools.ClientTools;
import org.pgmigrate.benchmarks.tools.DumpPipeTool;
import org.pgmigrate.benchmarks.tools.DumpRestoreTool;
import org.pgmigrate.benchmarks.tools.PgCopyDbTool;
import org.pgmigrate.benchmarks.tools.PgMigrateTool;
import org.pgmigrate.benchmarks.tools.Tool;
import org.pgmigrate.benchmarks.tools.ToolId;

/** The tools that take part, those left out and why, and the order they run in each round. */
record Contenders(List<Tool> tools, List<String> skipped) {
    Contenders {
        tools = List.copyOf(tools);
        skipped = List.copyOf(skipped);
    }

    /** The tools of {@code options} that can run against servers of {@code serverMajor} with the client programs found. */
    static Contenders choose(BenchmarkOptions options, Optional<ClientTools> clients, int serverMajor) {
        List<Tool> tools = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (options.tools().contains(ToolId.PGMIGRATE)) {
            tools.add(PgMigrateTool.defaults(options.jobs()));
        }
        if (options.tools().contains(ToolId.PGMIGRATE_COPY)) {
            tools.add(PgMigrateTool.copyOnly(options.jobs()));
        }
        Optional<ClientTools> usable = clients.filter(c -> c.major() >= serverMajor);
        String why = clients.isEmpty()
                ? "no pg_dump, pg_restore and psql found on PATH or in /usr/lib/postgresql/*/bin"
                : "the client programs in " + clients.get().binDir() + " are PostgreSQL " + clients.get().major()
                        + ", older than the servers' " + serverMajor;
        for (ToolId id : List.of(ToolId.DUMP_RESTORE, ToolId.DUMP_PSQL, ToolId.PGCOPYDB)) {
            if (!options.tools().contains(id)) {
                continue;
            }
            if (usable.isEmpty()) {
                skipped.add(id.id() + ": " + why);
            } else if (id == ToolId.DUMP_RESTORE) {
                tools.add(new DumpRestoreTool(usable.get(), options.jobs()));
            } else if (id == ToolId.DUMP_PSQL) {
                tools.add(new DumpPipeTool(usable.get()));
            } else if (usable.get().pgcopydb().isPresent()) {
                tools.add(new PgCopyDbTool(usable.get(), usable.get().pgcopydb().get(), options.jobs()));
            } else {
                skipped.add(id.id() + ": no pgcopydb on PATH (Debian package pgcopydb)");
            }
        }
        return new Contenders(tools, skipped);
    }

    /** The tools in the order of round {@code round} (1, 2, ...): each round starts one further along. */
    List<Tool> inRound(int round) {
        List<Tool> order = new ArrayList<>(tools);
        Collections.rotate(order, -(round - 1));
        return order;
    }
}
