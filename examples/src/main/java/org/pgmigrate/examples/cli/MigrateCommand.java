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
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationOption;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.ValidationFailedException;
import org.pgmigrate.VerificationPolicy;
import org.pgmigrate.examples.ConsoleProgress;

/** {@code pgmigrate migrate}: one database from a source server to a target server, offline or online. */
final class MigrateCommand {
    static final String SOURCE_PASSWORD_VARIABLE = "PGMIGRATE_SOURCE_PASSWORD";
    static final String TARGET_PASSWORD_VARIABLE = "PGMIGRATE_TARGET_PASSWORD";
    /** The range {@link org.pgmigrate.MigrationRequest} accepts, checked here to name the option in the error. */
    static final int MAX_JOBS = 256;

    static final List<Arguments.Option> OPTIONS = List.of(
            new Arguments.Option("--source", "URL", "the database to copy (required)"),
            new Arguments.Option("--target", "URL", "the database to copy into; it must exist and be empty (required)"),
            new Arguments.Option("--source-password-env", "NAME",
                    "read the source password from environment variable NAME\n(default: " + SOURCE_PASSWORD_VARIABLE + " when set)"),
            new Arguments.Option("--target-password-env", "NAME",
                    "read the target password from environment variable NAME\n(default: " + TARGET_PASSWORD_VARIABLE + " when set)"),
            new Arguments.Option("--mode", "offline|online", "offline (default): copy while applications are stopped;\n"
                    + "online: copy while they write, then apply their changes until\n"
                    + "'pgmigrate cutover --target URL' from another shell (Ctrl-C cancels)"),
            new Arguments.Option("--max-retained-wal", "SIZE", "online: stop and drop the slot when it holds more than SIZE\n"
                    + "of WAL on the source, e.g. 20GB (default: no limit)"),
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
            Arguments.Option.flag("--help", "show this help and exit"));

    static final String HELP = String.join("\n",
            "Usage: pgmigrate migrate --source URL --target URL [options]",
            "",
            "Copies one database to another server while applications are stopped (offline):",
            "schema, rows, indexes, constraints and sequences. Progress goes to standard output,",
            "then a summary; errors go to standard error.",
            "",
            "With --mode online, applications keep writing: the copy reads under the snapshot of a",
            "logical replication slot, then their changes stream to the target, with the lag shown,",
            "until you stop the writes and run 'pgmigrate cutover --target URL' in another shell;",
            "the cutover applies the last changes, sets sequences, verifies and drops the slot,",
            "publication and origin. Ctrl-C cancels and drops them too. The source needs",
            "wal_level=logical and a role with REPLICATION; the pre-migration rules always run.",
            "",
            Help.options(OPTIONS),
            "URL formats:",
            "  postgresql://user[:password]@host[:port]/dbname[?sslmode=require&...]   libpq URI",
            "  jdbc:postgresql://host[:port]/dbname[?user=...&sslmode=...]             pgjdbc URL",
            "  A password from the environment replaces one written in the URL. Prefer the",
            "  environment: other users of the machine can see command lines.",
            "",
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
    private final Function<Migration.Builder, MigrationHandle> starter;

    MigrateCommand(PrintStream out, PrintStream err, Map<String, String> environment,
                   Function<Migration.Builder, MigrationResult> executor, Function<Migration.Builder, MigrationHandle> starter) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.executor = executor;
        this.starter = starter;
    }

    int run(String[] args) throws UsageException {
        Arguments arguments = Arguments.parse(OPTIONS, args);
        String sourceUrl = arguments.required("--source", "URL");
        String targetUrl = arguments.required("--target", "URL");
        Endpoint source = endpoint("--source", sourceUrl, password(arguments, environment, "--source-password-env", SOURCE_PASSWORD_VARIABLE));
        Endpoint target = endpoint("--target", targetUrl, password(arguments, environment, "--target-password-env", TARGET_PASSWORD_VARIABLE));
        OptionalInt jobs = arguments.intValue("--jobs", 1, MAX_JOBS);
        boolean verbose = arguments.flag("--verbose");
        Execution execution = new Execution(out, err, arguments.outputFile("--report"), verbose);

        MigrationMode mode = arguments.choice("--mode", MODE).orElse(MigrationMode.OFFLINE);
        out.println("Migrating " + source + " to " + target + (mode == MigrationMode.ONLINE ? ", online" : ""));
        Migration.Builder migration = Migration.from(source)
                .to(target)
                .mode(mode)
                .verification(arguments.choice("--verification", VERIFICATION).orElse(VerificationPolicy.FAIL_ON_DIFFERENCE))
                .copyFormat(arguments.choice("--copy-format", COPY_FORMAT).orElse(CopyFormat.AUTO))
                .listener(ConsoleProgress.forOutput(out, verbose));
        arguments.byteSize("--split-tables-larger-than").ifPresent(migration::splitTablesLargerThan);
        arguments.byteSize("--max-source-rate").ifPresent(migration::throttle);
        jobs.ifPresent(migration::jobs);
        java.util.OptionalLong maxWal = arguments.byteSize("--max-retained-wal");
        if (maxWal.isPresent() && mode != MigrationMode.ONLINE) {
            throw new UsageException("option --max-retained-wal only applies with --mode online");
        }
        maxWal.ifPresent(migration::maxRetainedWal);
        if (arguments.flag("--validate")) {
            migration.option(MigrationOption.VALIDATE_AND_MIGRATE).disableRules(ValidateCommand.disabledRules(arguments));
        } else if (arguments.value(ValidateCommand.DISABLE_RULE.name).isPresent()) {
            throw new UsageException("option " + ValidateCommand.DISABLE_RULE.name + " only applies with --validate");
        }
        if (mode == MigrationMode.ONLINE) {
            return execution.run(() -> online(migration));
        }
        return execution.run(() -> printingValidation(migration));
    }

    /**
     * Starts the online migration and waits for its end (a cutover requested from another shell).
     * Ctrl-C cancels it, which drops the slot and publication before the process exits; the hook
     * belongs to the command line, never to the library.
     */
    private MigrationResult online(Migration.Builder migration) {
        MigrationHandle handle;
        try {
            handle = starter.apply(migration);
        } catch (ValidationFailedException e) {
            out.print(e.report().toText());
            throw e;
        }
        out.println("Online migration " + handle.migrationId() + " started; once the source is quiet, run"
                + " 'pgmigrate cutover --target URL' in another shell (Ctrl-C cancels).");
        Thread cancelOnInterrupt = new Thread(() -> {
            handle.cancel();
            try {
                handle.await();
            } catch (PgMigrateException e) {
                err.println("pgmigrate: " + e.getMessage());
                err.flush();
            }
        }, "pgmigrate-cancel");
        Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
        try {
            MigrationResult result = handle.await();
            result.validation().ifPresent(report -> out.print(report.toText()));
            return result;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it reports the cancellation
            }
        }
    }

    private static final Map<String, MigrationMode> MODE = Map.of("offline", MigrationMode.OFFLINE, "online", MigrationMode.ONLINE);

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

    /** The password from the variable named by {@code option}, else from {@code defaultVariable}, else none. */
    static Optional<String> password(Arguments arguments, Map<String, String> environment, String option, String defaultVariable)
            throws UsageException {
        Optional<String> variable = arguments.value(option);
        if (variable.isPresent()) {
            String password = environment.get(variable.get());
            if (password == null || password.isEmpty()) {
                throw new UsageException("environment variable " + variable.get() + " (named by " + option + ") is not set");
            }
            return Optional.of(password);
        }
        return Optional.ofNullable(environment.get(defaultVariable)).filter(p -> !p.isEmpty());
    }

    static Endpoint endpoint(String option, String url, Optional<String> password) throws UsageException {
        try {
            return password.isPresent() ? Endpoint.of(url, password.get()) : Endpoint.of(url);
        } catch (PgMigrateException e) {
            if (e.kind() == ErrorKind.INVALID_REQUEST) {
                throw new UsageException(option + ": " + e.getMessage());
            }
            throw e;
        }
    }
}
