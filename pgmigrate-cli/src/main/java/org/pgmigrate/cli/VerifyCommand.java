package org.pgmigrate.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.VerificationDifference;
import org.pgmigrate.VerificationReport;

/** {@code pgmigrate verify}: compares a target with its source, without migrating. */
final class VerifyCommand {
    static final List<Arguments.Option> OPTIONS = java.util.stream.Stream.concat(
            EndpointOptions.of("the database that was copied (required)", "the copy to compare with it (required)").stream(),
            java.util.stream.Stream.of(
            new Arguments.Option("--jobs", "N", "tables compared in parallel, 1-" + MigrateCommand.MAX_JOBS + "\n(default: the number of CPU cores)"),
            new Arguments.Option("--report", "FILE", "write the comparison as JSON to FILE"),
            Arguments.Option.flag(MigrateCommand.SUBSCRIPTIONS.name, "compare the subscriptions too, after a migration with\n"
                    + MigrateCommand.SUBSCRIPTIONS.name),
            Arguments.Option.flag(MigrateCommand.LEAVE_OUT_UNCREATABLE.name, "do not expect what the target cannot create, after a\n"
                    + "migration with " + MigrateCommand.LEAVE_OUT_UNCREATABLE.name),
            TablespaceOptions.MAP, TablespaceOptions.TO_DEFAULT,
            Arguments.Option.flag("--verbose", "print stack traces of failures"),
            Arguments.Option.flag("--help", "show this help and exit"))).toList();

    static final String HELP = String.join("\n",
            "Usage: pgmigrate verify --source URL --target URL [options]",
            "",
            "Compares a target database with its source: every table's row count and a digest of",
            "its rows (differences located to key ranges), sequences, large objects, and every",
            "object's definition, owner, privileges and comment. Both databases",
            "should be quiet while it runs.",
            "",
            Help.options(OPTIONS),
            EndpointOptions.URL_HELP,
            "Exit codes: 0 equal, 4 differences found (listed on standard output), 1 the comparison",
            "could not run, 2 bad usage.",
            "");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Function<Migration.Builder, VerificationReport> verifier;

    VerifyCommand(PrintStream out, PrintStream err, Map<String, String> environment,
                  Function<Migration.Builder, VerificationReport> verifier) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.verifier = verifier;
    }

    int run(String[] args) throws UsageException {
        Arguments arguments = Arguments.parse(OPTIONS, args);
        Endpoint source = EndpointOptions.source(arguments, environment);
        Endpoint target = EndpointOptions.target(arguments, environment);
        OptionalInt jobs = arguments.intValue("--jobs", 1, MigrateCommand.MAX_JOBS);
        Optional<Path> report = arguments.outputFile("--report");
        boolean verbose = arguments.flag("--verbose");
        out.println("Comparing " + target + " with " + source);
        Migration.Builder builder = Migration.from(source).to(target);
        jobs.ifPresent(builder::jobs);
        builder.subscriptions(arguments.flag(MigrateCommand.SUBSCRIPTIONS.name));
        builder.leaveOutUncreatableObjects(arguments.flag(MigrateCommand.LEAVE_OUT_UNCREATABLE.name));
        TablespaceOptions.apply(arguments, builder);
        VerificationReport result;
        try {
            result = verifier.apply(builder);
        } catch (PgMigrateException e) {
            if (e.kind() == ErrorKind.INVALID_REQUEST) {
                throw new UsageException(e.getMessage());
            }
            err.println("pgmigrate: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return ExitCode.FAILED;
        }
        print(result);
        if (report.isPresent()) {
            try {
                Files.writeString(report.get(), ResultJson.of(result), StandardCharsets.UTF_8);
                out.println("Report written to " + report.get());
            } catch (IOException e) {
                err.println("pgmigrate: could not write the report to " + report.get() + ": " + e);
                return ExitCode.FAILED;
            }
        }
        return result.equal() ? ExitCode.OK : ExitCode.VERIFICATION_FAILED;
    }

    private void print(VerificationReport report) {
        if (report.equal()) {
            out.println("Equal: " + report.tables().size() + " tables, their rows, sequences, large objects and schema match.");
        } else {
            out.println("Different: " + report.differences().size() + " difference(s):");
            for (VerificationDifference d : report.differences()) {
                out.println("  " + d.kind() + "  " + d.object() + ": " + d.detail());
            }
        }
        report.notes().forEach(n -> out.println("Note: " + n));
    }
}
