package org.pgmigrate.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.Severity;
import org.pgmigrate.ValidationReport;

/** {@code pgmigrate validate}: runs the pre-migration rules and reports, changing nothing on either server. */
final class ValidateCommand {
    static final Arguments.Option DISABLE_RULE = new Arguments.Option("--disable-rule", "ID[,ID...]",
            "do not run these validation rules (ids as the report shows them)");

    static final List<Arguments.Option> OPTIONS = Stream.concat(
            EndpointOptions.of("the database to migrate (required)", "the database to migrate into (required)").stream(), Stream.of(
            new Arguments.Option("--mode", "offline|online", "the migration to validate for (default offline; online adds\n"
                    + "the logical replication prerequisites)"),
            new Arguments.Option("--jobs", "N", "the parallel workers the migration will use, 1-" + MigrateCommand.MAX_JOBS
                    + "\n(default: the number of CPU cores; checked against free connections)"),
            DISABLE_RULE,
            new Arguments.Option("--report", "FILE", "write the findings as JSON to FILE"),
            Arguments.Option.flag("--verbose", "print stack traces of failures"),
            Arguments.Option.flag("--help", "show this help and exit"))).toList();

    static final String HELP = String.join("\n",
            "Usage: pgmigrate validate --source URL --target URL [options]",
            "",
            "Checks, before migrating, what would make the migration fail or lose something:",
            "connectivity and credentials, privileges on both sides, versions and objects newer",
            "majors removed, extensions, encoding and collations, what the target already holds,",
            "roles, connections and locks, and with --mode online the logical replication",
            "prerequisites. Each rule ends SUCCEEDED, WARNING or FAILED, with what to run or change.",
            "Reads both servers and changes nothing: safe while applications run.",
            "",
            Help.options(OPTIONS),
            EndpointOptions.URL_HELP,
            "Exit codes:",
            "  0  nothing failed (the outcome is SUCCEEDED or WARNING)",
            "  1  validation could not run; the message says why",
            "  2  bad usage: unknown option, missing or malformed value, malformed URL, unknown rule id",
            "  3  validation failed: at least one rule found a problem (listed on standard output;",
            "     an unreachable server or rejected credentials are such problems)",
            "",
            "Example:",
            "  pgmigrate validate --source postgresql://app@old-db:5432/shop \\",
            "                     --target postgresql://app@new-db:5432/shop --mode online --report checks.json",
            "");

    private static final Map<String, MigrationMode> MODES = Map.of("offline", MigrationMode.OFFLINE, "online", MigrationMode.ONLINE);

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

    int run(String[] args) throws UsageException {
        Arguments arguments = Arguments.parse(OPTIONS, args);
        Endpoint source = EndpointOptions.source(arguments, environment);
        Endpoint target = EndpointOptions.target(arguments, environment);
        MigrationMode mode = arguments.choice("--mode", MODES).orElse(MigrationMode.OFFLINE);
        boolean verbose = arguments.flag("--verbose");
        Execution execution = new Execution(out, err, arguments.outputFile("--report"), verbose);
        Migration.Builder builder = Migration.from(source).to(target).mode(mode).disableRules(disabledRules(arguments));
        arguments.intValue("--jobs", 1, MigrateCommand.MAX_JOBS).ifPresent(builder::jobs);

        out.println("Validating the " + mode.name().toLowerCase(Locale.ROOT) + " migration of " + source + " to " + target);
        ValidationReport report;
        try {
            report = validator.apply(builder);
        } catch (PgMigrateException e) {
            if (e.kind() == ErrorKind.INVALID_REQUEST) {
                throw new UsageException(e.getMessage());
            }
            execution.writeReport(ValidationJson.failure(e));
            err.println("pgmigrate: validation could not run: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return ExitCode.FAILED;
        }
        out.print(report.toText());
        if (!execution.writeReport(ValidationJson.of(report))) {
            return ExitCode.FAILED;
        }
        return report.outcome() == Severity.FAILED ? ExitCode.VALIDATION_FAILED : ExitCode.OK;
    }

    /** The ids of {@code --disable-rule}, comma-separated. */
    static String[] disabledRules(Arguments arguments) {
        return arguments.value(DISABLE_RULE.name)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(id -> !id.isEmpty()).toArray(String[]::new))
                .orElse(new String[0]);
    }
}
