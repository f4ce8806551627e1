package org.pgmigrate.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.pgmigrate.Endpoint;
import org.pgmigrate.PgMigrateException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pgmigrate cutover --target URL}: asks the online migration streaming into the target
 * (a {@code pgmigrate migrate --mode online} in another shell) to cut over, and waits for the
 * outcome: exit 0 once complete, non-zero with the migration's reason otherwise.
 */
@Command(name = "cutover",
        customSynopsis = "pgmigrate cutover --target URL [options]",
        description = {
            "",
            "Finishes the online migration streaming into the target database: stop the",
            "applications' writes to the source first. The migration then applies every change",
            "up to the source's current position, sets the sequences, verifies the tables and",
            "drops its replication slot, publication and origin. This command waits for that",
            "and exits 0 once the cutover is complete, or 1 with the reason when it failed."},
        footer = Help.EXIT_CODES)
final class CutoverCommand implements Callable<Integer> {
    @Mixin
    EndpointOptions.Target target;

    @Option(names = "--timeout-minutes", paramLabel = "N", order = 30, converter = Converters.Minutes.class,
            description = "give up waiting after N minutes, 1-10080 (default 60); the cutover itself goes on")
    int timeoutMinutes = 60;

    @Mixin
    HelpOption help;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final BiFunction<Endpoint, Duration, String> requester;

    CutoverCommand(PrintStream out, PrintStream err, Map<String, String> environment, BiFunction<Endpoint, Duration, String> requester) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.requester = requester;
    }

    @Override
    public Integer call() throws UsageException {
        Endpoint to = target.endpoint(environment);
        out.println("Requesting the cutover of the online migration into " + to + " ...");
        out.flush();
        try {
            String id = requester.apply(to, Duration.ofMinutes(timeoutMinutes));
            out.println("Cutover of online migration " + id + " complete: the target is verified and the replication"
                    + " slot, publication and origin are dropped. Point the applications at the target.");
            return ExitCode.OK;
        } catch (PgMigrateException e) {
            err.println("pgmigrate: " + e.getMessage());
            return ExitCode.FAILED;
        }
    }
}
