package org.pgmigrate.examples.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.examples.ConsoleProgress;

/** {@code pgmigrate migrate}: one database from a source server to a target server, offline. */
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
            new Arguments.Option("--jobs", "N", "parallel workers for copying and index builds, 1-" + MAX_JOBS
                    + "\n(default: the number of CPU cores)"),
            new Arguments.Option("--report", "FILE", "write the result as JSON to FILE, also when the migration fails"),
            Arguments.Option.flag("--verbose", "print each table as it starts, and stack traces of failures"),
            Arguments.Option.flag("--help", "show this help and exit"));

    static final String HELP = String.join("\n",
            "Usage: pgmigrate migrate --source URL --target URL [options]",
            "",
            "Copies one database to another server while applications are stopped (offline):",
            "schema, rows, indexes, constraints and sequences. Progress goes to standard output,",
            "then a summary; errors go to standard error.",
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

    MigrateCommand(PrintStream out, PrintStream err, Map<String, String> environment,
                   Function<Migration.Builder, MigrationResult> executor) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.executor = executor;
    }

    int run(String[] args) throws UsageException {
        Arguments arguments = Arguments.parse(OPTIONS, args);
        String sourceUrl = arguments.required("--source", "URL");
        String targetUrl = arguments.required("--target", "URL");
        Endpoint source = endpoint("--source", sourceUrl, password(arguments, "--source-password-env", SOURCE_PASSWORD_VARIABLE));
        Endpoint target = endpoint("--target", targetUrl, password(arguments, "--target-password-env", TARGET_PASSWORD_VARIABLE));
        OptionalInt jobs = arguments.intValue("--jobs", 1, MAX_JOBS);
        boolean verbose = arguments.flag("--verbose");
        Execution execution = new Execution(out, err, arguments.outputFile("--report"), verbose);

        out.println("Migrating " + source + " to " + target);
        Migration.Builder migration = Migration.from(source)
                .to(target)
                .mode(MigrationMode.OFFLINE)
                .listener(new ConsoleProgress(out, verbose));
        jobs.ifPresent(migration::jobs);
        return execution.run(() -> executor.apply(migration));
    }

    /** The password from the variable named by {@code option}, else from {@code defaultVariable}, else none. */
    private Optional<String> password(Arguments arguments, String option, String defaultVariable) throws UsageException {
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

    private static Endpoint endpoint(String option, String url, Optional<String> password) throws UsageException {
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
