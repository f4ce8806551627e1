package org.pgmigrate.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.Severity;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pgmigrate validate}: runs the pre-migration rules and reports, changing nothing on either server. */
@Command(name = "validate",
        customSynopsis = "pgmigrate validate --source URL --target URL [options]",
        description = {
            "",
            "Checks, before migrating, what would make the migration fail or lose something:",
            "connectivity and credentials, privileges on both sides, versions and objects newer",
            "majors removed, extensions, encoding and collations, what the target already holds,",
            "roles, connections and locks, and with --mode online the logical replication",
            "prerequisites. Each rule ends SUCCEEDED, WARNING or FAILED, with what to run or change.",
            "Reads both servers and changes nothing: safe while applications run."},
        footer = {
            EndpointOptions.URL_HELP
                    + "%nExit codes:%n"
                    + "  0  nothing failed (the outcome is SUCCEEDED or WARNING)%n"
                    + "  1  validation could not run; the message says why%n"
                    + "  2  bad usage: unknown option, missing or malformed value, malformed URL, unknown rule id%n"
                    + "  3  validation failed: at least one rule found a problem (listed on standard output;%n"
                    + "     an unreachable server or rejected credentials are such problems)%n",
            "Example:",
            "  pgmigrate validate --source postgresql://app@old-db:5432/shop \\",
            "                     --target postgresql://app@new-db:5432/shop --mode online --report checks.json"})
final class ValidateCommand implements Callable<Integer> {
    static final String DISABLE_RULE = "--disable-rule";

    @Mixin
    EndpointOptions.Source source;
    @Mixin
    EndpointOptions.Target target;

    @Option(names = "--mode", paramLabel = "offline|online", order = 20, converter = Converters.Mode.class,
            description = "the migration to validate for (default offline; online adds the logical replication prerequisites)")
    MigrationMode mode = MigrationMode.OFFLINE;

    @Option(names = "--jobs", paramLabel = "N", order = 30, converter = Converters.Jobs.class,
            description = "the parallel workers the migration will use, 1-" + Converters.MAX_JOBS
                    + " (default: the number of CPU cores; checked against free connections)")
    Integer jobs;

    @Option(names = DISABLE_RULE, paramLabel = "ID[,ID...]", order = 41,
            description = "do not run these validation rules (ids as the report shows them)")
    String disabledRules;

    @Option(names = "--report", paramLabel = "FILE", order = 31, converter = Converters.OutputFile.class,
            description = "write the findings to FILE: a self-contained HTML page when FILE ends in .html or .htm, else JSON")
    Path report;

    @Option(names = "--verbose", order = 71, description = "print stack traces of failures")
    boolean verbose;

    @Mixin
    HelpOption help;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Function<Migration.Builder, ValidationReport> validator;

    ValidateCommand(PrintStream out, PrintStream err, Map<String, String> environment,
                    Function<Migration.Builder, ValidationReport> validator) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.validator = validator;
    }

    @Override
    public Integer call() throws UsageException {
        Endpoint from = source.endpoint(environment);
        Endpoint to = target.endpoint(environment);
        Execution execution = new Execution(out, err, Optional.ofNullable(report), verbose);
        Migration.Builder builder = Migration.from(from).to(to).mode(mode).disableRules(ids(disabledRules));
        Optional.ofNullable(jobs).ifPresent(builder::jobs);

        out.println("Validating the " + mode.name().toLowerCase(Locale.ROOT) + " migration of " + from + " to " + to);
        ValidationReport result;
        try {
            result = validator.apply(builder);
        } catch (PgMigrateException e) {
            if (e.kind() != ErrorKind.INVALID_REQUEST) {
                execution.writeReport(() -> ValidationJson.failure(e), () -> HtmlReport.failure(Optional.empty(), e.kind().name(), e.getMessage()));
            }
            return execution.failed(e, "validation could not run: ");
        }
        out.print(result.toText());
        if (!execution.writeReport(() -> ValidationJson.of(result), () -> HtmlReport.of(result))) {
            return ExitCode.FAILED;
        }
        return result.outcome() == Severity.FAILED ? ExitCode.VALIDATION_FAILED : ExitCode.OK;
    }

    /** The ids of {@code --disable-rule}, comma-separated; none when absent. */
    static String[] ids(String value) {
        return MigrateCommand.names(value).toArray(String[]::new);
    }
}
