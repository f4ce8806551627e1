package org.pgmigrate.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.pgmigrate.CopyFormat;
import org.pgmigrate.DatabaseSelection;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationPlan;
import org.pgmigrate.MigrationOption;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.RoleSelection;
import org.pgmigrate.ValidationFailedException;
import org.pgmigrate.VerificationPolicy;
import org.pgmigrate.cli.console.ConsoleProgress;

/**
 * {@code pgmigrate migrate}: one database, several or all from a source server to a target
 * server, offline or online, with the roles they need.
 */
final class MigrateCommand {
    /** The range {@link org.pgmigrate.MigrationRequest} accepts, checked here to name the option in the error. */
    static final int MAX_JOBS = 256;

    static final String RESUME = "--resume";

    static final Arguments.Option SUBSCRIPTIONS = Arguments.Option.flag("--subscriptions", "also migrate the database's subscriptions,\n"
            + "created disabled and without connecting to their publishers (as\npg_dump does); enable each by hand once the"
            + " source's one no\nlonger uses its slot (default: left out, with a warning)");

    static final Arguments.Option LEAVE_OUT_UNCREATABLE = Arguments.Option.flag("--leave-out-uncreatable", "leave out the objects the target"
            + " cannot create (a C function\nwhose library or symbol it lacks, a built-in its major does not\nhave, one only a superuser may"
            + " create) and everything that\ndepends on them, each named in a warning (default: refuse,\nnaming them, before the target changes)");

    static final Arguments.Option DRY_RUN = Arguments.Option.flag("--dry-run", "connect, check and read the source, print what the migration\n"
            + "would do (tables largest first, what the filter leaves out,\nbroken dependencies) and stop; nothing is changed");

    static final List<Arguments.Option> OPTIONS = java.util.stream.Stream.of(
            EndpointOptions.of("the database to copy (required); with --databases, the server\n(the URL may then name no database)",
                    "the database to copy into; it must exist and be empty (required);\nwith --databases, the server"),
            List.of(
            new Arguments.Option("--databases", "all|NAME,...", "migrate these databases of the source server (all: every\n"
                    + "database but the templates and providers' maintenance ones),\neach into the database of the same name, "
                    + "created when missing"),
            new Arguments.Option("--exclude-databases", "NAME,...", "with --databases all, leave these databases out"),
            new Arguments.Option("--databases-in-parallel", "N", "migrate up to N databases side by side, sharing --jobs\n(default 1)"),
            Arguments.Option.flag("--finish-other-databases", "when one database fails, migrate the others to their end\n"
                    + "(default: stop them at once; --resume continues them)"),
            new Arguments.Option("--roles", "needed|all|none", "create on the target the roles the databases need (default),\n"
                    + "every role of the source, or none"),
            new Arguments.Option("--reserved-roles", "NAME,...", "roles never to create (default: managed services' admin roles;\n"
                    + "pg_* roles and the bootstrap superuser always)"),
            new Arguments.Option("--reserved-roles-owner", "ROLE", "the target role given what reserved roles own\n"
                    + "(default: the target user)"),
            new Arguments.Option("--mode", "offline|online", "offline (default): copy while applications are stopped;\n"
                    + "online: copy while they write, then apply their changes until\n"
                    + "'pgmigrate cutover --target URL' from another shell (Ctrl-C cancels)"),
            Arguments.Option.flag(RESUME, "offline: continue the earlier run into this target that failed\n"
                    + "or was cancelled (Ctrl-C) where it stopped, from the journal it left\n"
                    + "in the target; give the same source, target and options"),
            new Arguments.Option("--max-retained-wal", "SIZE", "online: stop and drop the slot when it holds more than SIZE\n"
                    + "of WAL on the source, e.g. 20GB (default: no limit)"),
            new Arguments.Option("--jobs", "N", "parallel workers for copying and index builds, 1-" + MAX_JOBS
                    + "\n(default: the number of CPU cores)"),
            new Arguments.Option("--report", "FILE", "write the result as JSON to FILE, also when the migration fails"),
            new Arguments.Option("--copy-format", "auto|text|binary", "COPY format between the servers (default auto: binary\n"
                    + "where both run the same major and the types allow it)"),
            new Arguments.Option("--split-tables-larger-than", "SIZE", "copy tables larger than SIZE (e.g. 512MB) in parallel\n"
                    + "parts (default 1GB)"),
            new Arguments.Option("--index-build-memory", "SIZE", "memory the target may use for index builds, shared by\n"
                    + "the jobs (default 1GB)"),
            new Arguments.Option("--max-source-rate", "SIZE", "read at most SIZE a second from the source, e.g. 50MB\n"
                    + "(default: no limit; --jobs limits the load too)"),
            new Arguments.Option("--verification", "fail|warn|skip", "after the copy, compare target and source and fail on a\n"
                    + "difference (fail, the default, exit code 4), only warn, or skip it"),
            SUBSCRIPTIONS,
            LEAVE_OUT_UNCREATABLE,
            Arguments.Option.flag("--validate", "run the pre-migration rules first (as pgmigrate validate) and\n"
                    + "migrate only when none fails (else exit code 3, target untouched)"),
            ValidateCommand.DISABLE_RULE), TablespaceOptions.OPTIONS, FilterOptions.OPTIONS, List.of(DRY_RUN,
            Arguments.Option.flag("--verbose", "print each table as it starts, and stack traces of failures"),
            Arguments.Option.flag("--help", "show this help and exit"))).flatMap(List::stream).toList();

    static final String HELP = String.join("\n",
            "Usage: pgmigrate migrate --source URL --target URL [options]",
            "",
            "       pgmigrate migrate --source URL --target URL --databases all|NAME,... [options]",
            "",
            "Copies one database (or, with --databases, several or all of a server's) to another",
            "server while applications are stopped (offline): roles, schema, rows, indexes,",
            "constraints, sequences, owners and privileges. Progress goes to standard output,",
            "then a summary; errors go to standard error.",
            "",
            "With --mode online, applications keep writing: the copy reads under the snapshot of a",
            "logical replication slot, then their changes stream to the target, with the lag shown,",
            "until you stop the writes and run 'pgmigrate cutover --target URL' in another shell;",
            "the cutover applies the last changes, sets sequences, verifies and drops the slot,",
            "publication and origin. Ctrl-C cancels and drops them too. The source needs",
            "wal_level=logical and a role with REPLICATION; the pre-migration rules always run.",
            "",
            "Ctrl-C (or SIGTERM) cancels a migration: its workers stop within seconds, the",
            "statements they run are cancelled on both servers, open transactions roll back and",
            "every connection closes. An offline migration leaves in the target what it finished",
            "and a journal of it: run the same command again with --resume to continue where it",
            "stopped (or drop and recreate the target database to start over).",
            "",
            Help.options(OPTIONS),
            EndpointOptions.URL_HELP,
            Help.EXIT_CODES,
            "Example:",
            "  export PGMIGRATE_SOURCE_PASSWORD=... PGMIGRATE_TARGET_PASSWORD=...",
            "  pgmigrate migrate --source postgresql://app@old-db:5432/shop \\",
            "                    --target postgresql://app@new-db:5432/shop?sslmode=require \\",
            "                    --jobs 8 --report shop-migration.json",
            "  pgmigrate migrate --source ... --target ... --exclude-schema archive \\",
            "                    --exclude-table-data 'public.audit_*' --dry-run",
            "");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Function<Migration.Builder, MigrationHandle> starter;

    /** A command starting migrations with {@code starter} ({@link Migration.Builder#start()}, or a test's). */
    MigrateCommand(PrintStream out, PrintStream err, Map<String, String> environment, Function<Migration.Builder, MigrationHandle> starter) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.starter = starter;
    }

    int run(String[] args) throws UsageException {
        Arguments arguments = Arguments.parse(OPTIONS, args);
        Endpoint source = EndpointOptions.source(arguments, environment);
        Endpoint target = EndpointOptions.target(arguments, environment);
        OptionalInt jobs = arguments.intValue("--jobs", 1, MAX_JOBS);
        boolean verbose = arguments.flag("--verbose");
        Execution execution = new Execution(out, err, arguments.outputFile("--report"), verbose);

        MigrationMode mode = arguments.choice("--mode", MODE).orElse(MigrationMode.OFFLINE);
        boolean resume = arguments.flag(RESUME);
        if (resume && mode == MigrationMode.ONLINE) {
            throw new UsageException("option " + RESUME + " only applies to offline migrations, not with --mode online");
        }
        out.println((arguments.flag(DRY_RUN.name) ? "Planning the migration of " : "Migrating ") + source + " to " + target
                + (mode == MigrationMode.ONLINE ? ", online" : "") + (resume ? ", resuming the earlier run" : ""));
        Migration.Builder migration = Migration.from(source)
                .to(target)
                .mode(mode)
                .verification(arguments.choice("--verification", VERIFICATION).orElse(VerificationPolicy.FAIL_ON_DIFFERENCE))
                .copyFormat(arguments.choice("--copy-format", COPY_FORMAT).orElse(CopyFormat.AUTO))
                .listener(ConsoleProgress.forOutput(out, verbose));
        arguments.byteSize("--split-tables-larger-than").ifPresent(migration::splitTablesLargerThan);
        arguments.byteSize("--max-source-rate").ifPresent(migration::throttle);
        arguments.byteSize("--index-build-memory").ifPresent(migration::indexBuildMemory);
        jobs.ifPresent(migration::jobs);
        migration.subscriptions(arguments.flag(SUBSCRIPTIONS.name));
        migration.leaveOutUncreatableObjects(arguments.flag(LEAVE_OUT_UNCREATABLE.name));
        if (resume) {
            migration.resume();
        }
        java.util.OptionalLong maxWal = arguments.byteSize("--max-retained-wal");
        if (maxWal.isPresent() && mode != MigrationMode.ONLINE) {
            throw new UsageException("option --max-retained-wal only applies with --mode online");
        }
        maxWal.ifPresent(migration::maxRetainedWal);
        serverOptions(arguments, migration);
        FilterOptions.apply(arguments, migration);
        TablespaceOptions.apply(arguments, migration);
        if (arguments.flag(DRY_RUN.name)) {
            return dryRun(arguments, migration);
        }
        if (arguments.flag("--validate")) {
            migration.option(MigrationOption.VALIDATE_AND_MIGRATE).disableRules(ValidateCommand.disabledRules(arguments));
        } else if (arguments.value(ValidateCommand.DISABLE_RULE.name).isPresent()) {
            throw new UsageException("option " + ValidateCommand.DISABLE_RULE.name + " only applies with --validate");
        }
        try (CancelOnExit exit = new CancelOnExit(err, mode == MigrationMode.ONLINE ? null
                : "cancelled; run the same command again with " + RESUME + " to continue where it stopped.")) {
            return execution.run(() -> started(migration, mode, exit));
        }
    }

    private static final Map<String, RoleSelection> ROLES = Map.of(
            "needed", RoleSelection.NEEDED, "all", RoleSelection.ALL, "none", RoleSelection.NONE);

    /** The whole-server options: databases, roles, reserved roles. */
    private static void serverOptions(Arguments arguments, Migration.Builder migration) throws UsageException {
        Optional<String> databases = arguments.value("--databases");
        List<String> excluded = names(arguments, "--exclude-databases");
        if (databases.isPresent()) {
            List<String> names = names(arguments, "--databases");
            if (names.equals(List.of("all"))) {
                migration.databases(DatabaseSelection.allUserDatabases().excluding(excluded.toArray(String[]::new)));
            } else if (names.isEmpty() || names.contains("all")) {
                throw new UsageException("option --databases takes all or a list of database names, not '" + databases.get() + "'");
            } else {
                if (!excluded.isEmpty()) {
                    throw new UsageException("option --exclude-databases only applies with --databases all");
                }
                migration.databases(DatabaseSelection.named(names.toArray(String[]::new)));
            }
        } else if (!excluded.isEmpty()) {
            throw new UsageException("option --exclude-databases only applies with --databases all");
        }
        arguments.intValue("--databases-in-parallel", 1, MAX_JOBS).ifPresent(migration::databasesInParallel);
        if (arguments.flag("--finish-other-databases")) {
            migration.finishOtherDatabasesOnFailure(true);
        }
        arguments.choice("--roles", ROLES).ifPresent(migration::roles);
        if (arguments.value("--reserved-roles").isPresent()) {
            migration.reservedRoles(names(arguments, "--reserved-roles").toArray(String[]::new));
        }
        arguments.value("--reserved-roles-owner").ifPresent(migration::reservedRoleObjectsOwner);
    }

    /** A comma-separated list of names, blanks dropped. */
    private static List<String> names(Arguments arguments, String option) {
        return arguments.value(option).stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::trim).filter(n -> !n.isEmpty()).toList();
    }

    /** Prints the plan; exit 0 even with broken dependencies: the plan shows them, and nothing ran. */
    private int dryRun(Arguments arguments, Migration.Builder migration) throws UsageException {
        for (String option : List.of("--validate", "--report", ValidateCommand.DISABLE_RULE.name)) {
            if (arguments.value(option).isPresent()) {
                throw new UsageException("option " + option + " does not apply with " + DRY_RUN.name);
            }
        }
        MigrationPlan plan;
        try {
            plan = migration.plan();
        } catch (PgMigrateException e) {
            if (e.kind() == ErrorKind.INVALID_REQUEST) {
                throw new UsageException(e.getMessage());
            }
            err.println("pgmigrate: " + e.getMessage());
            return ExitCode.FAILED;
        }
        out.print(PlanText.format(plan));
        return ExitCode.OK;
    }

    /**
     * Starts the migration and waits for its end: offline, when it is done; online, a cutover
     * requested from another shell. Prints the validation report, when the rules ran, before the
     * summary or the failure. Ctrl-C cancels it through {@code exit}.
     */
    private MigrationResult started(Migration.Builder migration, MigrationMode mode, CancelOnExit exit) {
        try {
            MigrationHandle handle = starter.apply(migration);
            exit.running(handle);
            if (mode == MigrationMode.ONLINE) {
                out.println("Online migration " + handle.migrationId() + " started; once the source is quiet, run"
                        + " 'pgmigrate cutover --target URL' in another shell (Ctrl-C cancels).");
            }
            MigrationResult result = handle.await();
            result.validation().ifPresent(report -> out.print(report.toText()));
            return result;
        } catch (ValidationFailedException e) {
            out.print(e.report().toText());
            throw e;
        }
    }

    private static final Map<String, MigrationMode> MODE = Map.of("offline", MigrationMode.OFFLINE, "online", MigrationMode.ONLINE);

    private static final Map<String, VerificationPolicy> VERIFICATION = Map.of(
            "fail", VerificationPolicy.FAIL_ON_DIFFERENCE, "warn", VerificationPolicy.WARN_ON_DIFFERENCE, "skip", VerificationPolicy.SKIP);

    private static final Map<String, CopyFormat> COPY_FORMAT = Map.of(
            "auto", CopyFormat.AUTO, "text", CopyFormat.TEXT, "binary", CopyFormat.BINARY);
}
