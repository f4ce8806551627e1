package org.pgmigrate.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.pgmigrate.Endpoint;
import org.pgmigrate.PgMigrateException;

/**
 * {@code pgmigrate cutover --target URL}: asks the online migration streaming into the target
 * (a {@code pgmigrate migrate --mode online} in another shell) to cut over, and waits for the
 * outcome: exit 0 once complete, non-zero with the migration's reason otherwise.
 */
final class CutoverCommand {
    static final List<Arguments.Option> OPTIONS = java.util.stream.Stream.concat(
            EndpointOptions.targetOnly("the target database of the running online migration (required)").stream(), java.util.stream.Stream.of(
            new Arguments.Option("--timeout-minutes", "N", "give up waiting after N minutes, 1-10080 (default 60);\n"
                    + "the cutover itself goes on"),
            Arguments.Option.flag("--help", "show this help and exit"))).toList();

    static final String HELP = String.join("\n",
            "Usage: pgmigrate cutover --target URL [options]",
            "",
            "Finishes the online migration streaming into the target database: stop the",
            "applications' writes to the source first. The migration then applies every change",
            "up to the source's current position, sets the sequences, verifies the tables and",
            "drops its replication slot, publication and origin. This command waits for that",
            "and exits 0 once the cutover is complete, or 1 with the reason when it failed.",
            "",
            Help.options(OPTIONS),
            Help.EXIT_CODES);

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

    int run(String[] args) throws UsageException {
        Arguments arguments = Arguments.parse(OPTIONS, args);
        Endpoint target = EndpointOptions.target(arguments, environment);
        Duration timeout = Duration.ofMinutes(arguments.intValue("--timeout-minutes", 1, 10080).orElse(60));
        out.println("Requesting the cutover of the online migration into " + target + " ...");
        out.flush();
        try {
            String id = requester.apply(target, timeout);
            out.println("Cutover of online migration " + id + " complete: the target is verified and the replication"
                    + " slot, publication and origin are dropped. Point the applications at the target.");
            return ExitCode.OK;
        } catch (PgMigrateException e) {
            err.println("pgmigrate: " + e.getMessage());
            return ExitCode.FAILED;
        }
    }
}
