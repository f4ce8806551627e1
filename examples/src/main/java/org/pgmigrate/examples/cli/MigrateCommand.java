package org.pgmigrate.examples.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.pgmigrate.CopyFormat;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationOption;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.ValidationFailedException;
import org.pgmigrate.VerificationPolicy;
import org.pgmigrate.examples.ConsoleProgress;

/** {@code pgmigrate migrate}: one database from a source server to a target server, offline. */
final class MigrateCommand {
    /** The range {@link org.pgmigrate.MigrationRequest} accepts, checked here to name the option in the error. */
    static final int MAX_JOBS = 256;

    static final List<Arguments.Option> OPTIONS = java.util.stream.Stream.concat(
            EndpointOptions.of("the database to copy (required)",
                    "the database to copy into; it must exist and be empty (required)").stream(), java.util.stream.Stream.of(
            new Arguments.Option("--jobs", "N", "parallel workers for copying and index builds, 1-" + MAX_JOBS
                    + "\n(default: the number of CPU cores)"),
            new Arguments.Option("--report", "FILE", "write the result as JSON to FILE, also when the migration fails"),
            new Arguments.Option("--copy-format", "auto|text|binary", "COPY format between the servers (default auto: binary\n"
                    + "where both run the same major and the types allow it)"),
            new Arguments.Option("--split-tables-larger-than", "SIZE", "copy tables larger than SIZE (e.g. 512MB) in parallel\n"
                    + "parts (default 1GB)"),
            new Arguments.Option("--max-source-rate", "SIZE", "read at most SIZE a second from the source, e.g. 50MB\n"
                    + "(default: no limit; --jobs limits the load too)"),
            new Arguments.Option("--verification", "fail|warn|skip", "after the copy, compare target and source and fail on a\n"
                    + "difference (fail, the default, exit code 4), only warn, or skip it"),
            Arguments.Option.flag("--validate", "run the pre-migration rules first (as pgmigrate validate) and\n"
                    + "migrate only when none fails (else exit code 3, target untouched)"),
            ValidateCommand.DISABLE_RULE,
            Arguments.Option.flag("--verbose", "print each table as it starts, and stack traces of failures"),
            Arguments.Option.flag("--help", "show this help and exit"))).toList();

    static final String HELP = String.join("\n",
            "Usage: pgmigrate migrate --source URL --target URL [options]",
            "",
            "Copies one database to another server while applications are stopped (offline):",
            "schema, rows, indexes, constraints and sequences. Progress goes to standard output,",
            "then a summary; errors go to standard error.",
            "",
            Help.options(OPTIONS),
            EndpointOptions.URL_HELP,
            Help.EXIT_CODES,
            "Example:",
            "  export PGMIGRATE_SOURCE_PASSWORD=... PGMIGRATE_TARGET_PASSWORD=...",
            "  pgmigrate migrate --source postgresql://app@old-db:5432/shop \\",
            "                    --target postgresql://app@new-db:5432/shop?sslmode=require \\",
            "                    --jobs 8 --report shop-migration.json",
            "");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Function<Migration.Builder, MigrationResult> executor;

    MigrateCommand(PrintStream out, PrintStream err, Map<String, String> environment,
                   Function<Migration.Builder, MigrationResult> executor) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.executor = executor;
    }

    int run(String[] args) throws UsageException {
        Arguments arguments = Arguments.parse(OPTIONS, args);
        Endpoint source = EndpointOptions.source(arguments, environment);
        Endpoint target = EndpointOptions.target(arguments, environment);
        OptionalInt jobs = arguments.intValue("--jobs", 1, MAX_JOBS);
        boolean verbose = arguments.flag("--verbose");
        Execution execution = new Execution(out, err, arguments.outputFile("--report"), verbose);

        out.println("Migrating " + source + " to " + target);
        Migration.Builder migration = Migration.from(source)
                .to(target)
                .mode(MigrationMode.OFFLINE)
                .verification(arguments.choice("--verification", VERIFICATION).orElse(VerificationPolicy.FAIL_ON_DIFFERENCE))
                .copyFormat(arguments.choice("--copy-format", COPY_FORMAT).orElse(CopyFormat.AUTO))
                .listener(ConsoleProgress.forOutput(out, verbose));
        arguments.byteSize("--split-tables-larger-than").ifPresent(migration::splitTablesLargerThan);
        arguments.byteSize("--max-source-rate").ifPresent(migration::throttle);
        jobs.ifPresent(migration::jobs);
        if (arguments.flag("--validate")) {
            migration.option(MigrationOption.VALIDATE_AND_MIGRATE).disableRules(ValidateCommand.disabledRules(arguments));
        } else if (arguments.value(ValidateCommand.DISABLE_RULE.name).isPresent()) {
            throw new UsageException("option " + ValidateCommand.DISABLE_RULE.name + " only applies with --validate");
        }
        return execution.run(() -> printingValidation(migration));
    }

    /** Runs the migration; prints the validation report, when the rules ran, before the summary or the failure. */
    private MigrationResult printingValidation(Migration.Builder migration) {
        try {
            MigrationResult result = executor.apply(migration);
            result.validation().ifPresent(report -> out.print(report.toText()));
            return result;
        } catch (ValidationFailedException e) {
            out.print(e.report().toText());
            throw e;
        }
    }

    private static final Map<String, VerificationPolicy> VERIFICATION = Map.of(
            "fail", VerificationPolicy.FAIL_ON_DIFFERENCE, "warn", VerificationPolicy.WARN_ON_DIFFERENCE, "skip", VerificationPolicy.SKIP);

    private static final Map<String, CopyFormat> COPY_FORMAT = Map.of(
            "auto", CopyFormat.AUTO, "text", CopyFormat.TEXT, "binary", CopyFormat.BINARY);
}
