package org.pgmigrate.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.pgmigrate.Endpoint;
import org.pgmigrate.Migration;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.VerificationDifference;
import org.pgmigrate.VerificationReport;
import org.pgmigrate.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pgmigrate verify}: compares a target with its source, without migrating. */
@Command(name = "verify",
        customSynopsis = "pgmigrate verify --source URL --target URL [options]",
        description = {
            "",
            "Compares a target database with its source: every table's row count and a digest of",
            "its rows (differences located to key ranges), sequences, large objects, and every",
            "object's definition, owner, privileges and comment. Both databases",
            "should be quiet while it runs."},
        footer = {
            EndpointOptions.URL_HELP + "%n",
            "Exit codes: 0 equal, 4 differences found (listed on standard output), 1 the comparison",
            "could not run, 2 bad usage."})
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    EndpointOptions.Source source;
    @Mixin
    EndpointOptions.Target target;

    @Option(names = "--jobs", paramLabel = "N", order = 30, converter = Converters.Jobs.class,
            description = "tables compared in parallel, 1-" + Converters.MAX_JOBS + " (default: the number of CPU cores)")
    Integer jobs;

    @Option(names = "--report", paramLabel = "FILE", order = 31, converter = Converters.OutputFile.class,
            description = "write the comparison to FILE: a self-contained HTML page when FILE ends in .html or .htm, else JSON")
    Path report;

    @Option(names = MigrateCommand.SUBSCRIPTIONS, order = 37,
            description = "compare the subscriptions too, after a migration with " + MigrateCommand.SUBSCRIPTIONS)
    boolean subscriptions;

    @Option(names = MigrateCommand.LEAVE_OUT_UNCREATABLE, order = 38,
            description = "do not expect what the target cannot create, after a migration with " + MigrateCommand.LEAVE_OUT_UNCREATABLE)
    boolean leaveOutUncreatable;

    @Mixin
    TablespaceOptions tablespaces;

    @Option(names = "--verbose", order = 71, description = "print stack traces of failures")
    boolean verbose;

    @Mixin
    HelpOption help;

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

    @Override
    public Integer call() throws UsageException {
        Endpoint from = source.endpoint(environment);
        Endpoint to = target.endpoint(environment);
        Execution execution = new Execution(out, err, Optional.ofNullable(report), verbose);
        out.println("Comparing " + to + " with " + from);
        Migration.Builder builder = Migration.from(from).to(to)
                .subscriptions(subscriptions)
                .leaveOutUncreatableObjects(leaveOutUncreatable);
        Optional.ofNullable(jobs).ifPresent(builder::jobs);
        tablespaces.apply(builder);
        VerificationReport result;
        try {
            result = verifier.apply(builder);
        } catch (PgMigrateException e) {
            return execution.failed(e, "");
        }
        print(result);
        if (!execution.writeReport(() -> ResultJson.of(result), () -> HtmlReport.of(result))) {
            return ExitCode.FAILED;
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
