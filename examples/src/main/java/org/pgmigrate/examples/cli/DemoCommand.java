package org.pgmigrate.examples.cli;

import java.io.PrintStream;
import java.util.List;
import org.pgmigrate.examples.ConsoleProgress;
import org.pgmigrate.examples.QuickStart;

/** {@code pgmigrate demo}: the {@link QuickStart} migration, with the command line's output and report. */
final class DemoCommand {
    static final List<Arguments.Option> OPTIONS = List.of(
            new Arguments.Option("--jobs", "N", "parallel workers for copying and index builds, 1-" + MigrateCommand.MAX_JOBS
                    + "\n(default: the number of CPU cores)"),
            new Arguments.Option("--report", "FILE", "write the result as JSON to FILE, also when the migration fails"),
            Arguments.Option.flag("--verbose", "print each table as it starts, and stack traces of failures"),
            Arguments.Option.flag("--help", "show this help and exit"));

    static final String HELP = String.join("\n",
            "Usage: pgmigrate demo [options]",
            "",
            "Starts two embedded PostgreSQL 17 servers on this machine, loads a sample shop",
            "database into the first and migrates it to the second, then stops both.",
            "Needs no installed PostgreSQL and no network.",
            "",
            Help.options(OPTIONS),
            Help.EXIT_CODES,
            "Example:",
            "  pgmigrate demo --jobs 4 --report demo.json",
            "");

    private final PrintStream out;
    private final PrintStream err;

    DemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) throws UsageException {
        Arguments arguments = Arguments.parse(OPTIONS, args);
        int jobs = arguments.intValue("--jobs", 1, MigrateCommand.MAX_JOBS)
                .orElse(Math.min(Runtime.getRuntime().availableProcessors(), MigrateCommand.MAX_JOBS));
        boolean verbose = arguments.flag("--verbose");
        Execution execution = new Execution(out, err, arguments.outputFile("--report"), verbose);

        out.println("Starting two PostgreSQL 17 servers and loading the sample database...");
        return execution.run(() -> QuickStart.run(jobs, ConsoleProgress.forOutput(out, verbose)));
    }
}
