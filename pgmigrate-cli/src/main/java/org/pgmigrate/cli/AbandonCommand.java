package org.pgmigrate.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.pgmigrate.Endpoint;
import org.pgmigrate.Migration;
import org.pgmigrate.PgMigrateException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code pgmigrate abandon --source URL --target URL}: drops what a stopped online migration into
 * the target kept for its resume, so the source's WAL is no longer held for it.
 */
@Command(name = "abandon",
        customSynopsis = "pgmigrate abandon --source URL --target URL [options]",
        description = {
            "",
            "Gives up the online migration into the target that stopped (its process died, or it",
            "failed) instead of resuming it: drops its replication slot and",
            "publication on the source, which hold back the source's WAL until then, and its",
            "replication origin, journal and control row on the target. The partial copy stays in",
            "the target database: drop and recreate it before migrating again. Refused while the",
            "migration runs."},
        footer = {EndpointOptions.URL_HELP + "%n" + Help.EXIT_CODES})
final class AbandonCommand implements Callable<Integer> {
    @Mixin
    EndpointOptions.Source source;

    @Mixin
    EndpointOptions.Target target;

    @Mixin
    HelpOption help;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Function<Migration.Builder, List<String>> abandoner;

    AbandonCommand(PrintStream out, PrintStream err, Map<String, String> environment, Function<Migration.Builder, List<String>> abandoner) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.abandoner = abandoner;
    }

    @Override
    public Integer call() throws UsageException {
        Endpoint from = source.endpoint(environment);
        Endpoint to = target.endpoint(environment);
        try {
            List<String> dropped = abandoner.apply(Migration.from(from).to(to));
            out.println("Abandoned the online migration into " + to + ". Dropped:");
            dropped.forEach(line -> out.println("  " + line));
            return ExitCode.OK;
        } catch (PgMigrateException e) {
            err.println("pgmigrate: " + e.getMessage());
            return ExitCode.FAILED;
        }
    }
}
