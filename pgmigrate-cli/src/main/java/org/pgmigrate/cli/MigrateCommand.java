package org.pgmigrate.cli;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.pgmigrate.CopyFormat;
import org.pgmigrate.DatabaseSelection;
import org.pgmigrate.Endpoint;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationOption;
import org.pgmigrate.MigrationPlan;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.RoleSelection;
import org.pgmigrate.ValidationFailedException;
import org.pgmigrate.VerificationPolicy;
import org.pgmigrate.cli.console.ConsoleProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pgmigrate migrate}: one database, several or all from a source server to a target
 * server, offline or online, with the roles they need.
 */
@Command(name = "migrate",
        customSynopsis = {
            "pgmigrate migrate --source URL --target URL [options]",
            "",
            "       pgmigrate migrate --source URL --target URL --databases all|NAME,... [options]"},
        description = {
            "",
            "Copies one database (or, with --databases, several or all of a server's) to another",
            "server while applications are stopped (offline): roles, schema, rows, indexes,",
            "constraints, sequences, owners and privileges. The target database must exist and be",
            "empty; with --databases, --source and --target name the servers (the URLs may then",
            "name no database) and missing databases are created. Progress goes to standard output,",
            "then a summary; errors go to standard error.",
            "",
            "With --mode online, applications keep writing: the copy reads under the snapshot of a",
            "logical replication slot, then their changes stream to the target, with the lag shown,",
            "until you stop the writes and run 'pgmigrate cutover --target URL' in another shell;",
            "the cutover applies the last changes, sets sequences, verifies and drops the slot,",
            "publication and origin. Ctrl-C cancels and drops them too. The source needs",
            "wal_level=logical and a role with REPLICATION; the pre-migration rules always run.",
            "If the process dies, or the run fails, the slot stays: run the",
            "same command with --resume to stream on from where the target stands (a cutover asked",
            "for meanwhile then completes), or 'pgmigrate abandon' to drop the slot and the rest.",
            "",
            "Ctrl-C (or SIGTERM) cancels a migration: its workers stop within seconds, the",
            "statements they run are cancelled on both servers, open transactions roll back and",
            "every connection closes. An offline migration leaves in the target what it finished",
            "and a journal of it: run the same command again with --resume to continue where it",
            "stopped (or drop and recreate the target database to start over)."},
        footer = {
            EndpointOptions.URL_HELP + "%n" + Help.EXIT_CODES,
            "Example:",
            "  export PGMIGRATE_SOURCE_PASSWORD=... PGMIGRATE_TARGET_PASSWORD=...",
            "  pgmigrate migrate --source postgresql://app@old-db:5432/shop \\",
            "                    --target postgresql://app@new-db:5432/shop?sslmode=require \\",
            "                    --jobs 8 --report shop-migration.json",
            "  pgmigrate migrate --source ... --target ... --exclude-schema archive \\",
            "                    --exclude-table-data 'public.audit_*' --dry-run"})
final class MigrateCommand implements Callable<Integer> {
    static final String RESUME = "--resume";
    static final String DRY_RUN = "--dry-run";
    static final String SUBSCRIPTIONS = "--subscriptions";
    static final String LEAVE_OUT_UNCREATABLE = "--leave-out-uncreatable";

    @Mixin
    EndpointOptions.Source source;
    @Mixin
    EndpointOptions.Target target;

    @Option(names = "--databases", paramLabel = "all|NAME,...", order = 10,
            description = "migrate these databases of the source server (all: every database but the templates and providers'"
                    + " maintenance ones), each into the database of the same name, created when missing")
    String databases;

    @Option(names = "--exclude-databases", paramLabel = "NAME,...", order = 11, description = "with --databases all, leave these databases out")
    String excludedDatabases;

    @Option(names = "--databases-in-parallel", paramLabel = "N", order = 12, converter = Converters.Jobs.class,
            description = "migrate up to N databases side by side, sharing --jobs (default 1)")
    Integer databasesInParallel;

    @Option(names = "--finish-other-databases", order = 13,
            description = "when one database fails, migrate the others to their end (default: stop them at once; --resume continues them)")
    boolean finishOtherDatabases;

    @Option(names = "--roles", paramLabel = "needed|all|none", order = 14, converter = Converters.Roles.class,
            description = "create on the target the roles the databases need (default), every role of the source, or none")
    RoleSelection roles;

    @Option(names = "--reserved-roles", paramLabel = "NAME,...", order = 15,
            description = "roles never to create (default: managed services' admin roles; pg_* roles and the bootstrap superuser always)")
    String reservedRoles;

    @Option(names = "--reserved-roles-owner", paramLabel = "ROLE", order = 16,
            description = "the target role given what reserved roles own (default: the target user)")
    String reservedRolesOwner;

    @Option(names = "--mode", paramLabel = "offline|online", order = 20, converter = Converters.Mode.class,
            description = "offline (default): copy while applications are stopped; online: copy while they write, then apply"
                    + " their changes until 'pgmigrate cutover --target URL' from another shell (Ctrl-C cancels)")
    MigrationMode mode = MigrationMode.OFFLINE;

    @Option(names = RESUME, order = 21,
            description = "offline: continue the earlier run into this target that failed or was cancelled (Ctrl-C) where it"
                    + " stopped, from the journal it left in the target; give the same source, target and options")
    boolean resume;

    @Option(names = "--max-retained-wal", paramLabel = "SIZE", order = 22, converter = Converters.ByteSize.class,
            description = "online: stop and drop the slot when it holds more than SIZE of WAL on the source, e.g. 20GB"
                    + " (default: no limit)")
    Long maxRetainedWal;

    @Option(names = "--replicate-ddl", order = 23,
            description = "with --mode online: replicate ALTER TABLE, CREATE TABLE, CREATE INDEX and DROP INDEX run on the source while the"
                    + " migration runs (an event trigger on the source records them; needs a superuser there)")
    boolean replicateDdl;

    @Option(names = "--jobs", paramLabel = "N", order = 30, converter = Converters.Jobs.class,
            description = "parallel workers for copying and index builds, 1-" + Converters.MAX_JOBS + " (default: the number of CPU cores)")
    Integer jobs;

    @Option(names = "--report", paramLabel = "FILE", order = 31, converter = Converters.OutputFile.class,
            description = "write the result to FILE, also when the migration fails: a self-contained HTML page (timeline,"
                    + " throughput, lag, findings, verification) when FILE ends in .html or .htm, else JSON")
    Path report;

    @Option(names = "--copy-format", paramLabel = "auto|text|binary", order = 32, converter = Converters.Format.class,
            description = "COPY format between the servers (default auto: binary where both run the same major and the types allow it)")
    CopyFormat copyFormat = CopyFormat.AUTO;

    @Option(names = "--split-tables-larger-than", paramLabel = "SIZE", order = 33, converter = Converters.ByteSize.class,
            description = "copy tables larger than SIZE (e.g. 512MB) in parallel parts (default 1GB)")
    Long splitTablesLargerThan;

    @Option(names = "--index-build-memory", paramLabel = "SIZE", order = 34, converter = Converters.ByteSize.class,
            description = "memory the target may use for index builds, shared by the jobs (default 1GB)")
    Long indexBuildMemory;

    @Option(names = "--max-source-rate", paramLabel = "SIZE", order = 35, converter = Converters.ByteSize.class,
            description = "read at most SIZE a second from the source, e.g. 50MB (default: no limit; --jobs limits the load too)")
    Long maxSourceRate;

    @Option(names = "--verification", paramLabel = "fail|warn|skip", order = 36, converter = Converters.Verification.class,
            description = "after the copy, compare target and source and fail on a difference (fail, the default, exit code 4),"
                    + " only warn, or skip it")
    VerificationPolicy verification = VerificationPolicy.FAIL_ON_DIFFERENCE;

    @Option(names = SUBSCRIPTIONS, order = 37,
            description = "also migrate the database's subscriptions, created disabled and without connecting to their publishers"
                    + " (as pg_dump does); enable each by hand once the source's one no longer uses its slot (default: left out,"
                    + " with a warning)")
    boolean subscriptions;

    @Option(names = LEAVE_OUT_UNCREATABLE, order = 38,
            description = "leave out the objects the target cannot create (a C function whose library or symbol it lacks, a"
                    + " built-in its major does not have, one only a superuser may create) and everything that depends on them,"
                    + " each named in a warning (default: refuse, naming them, before the target changes)")
    boolean leaveOutUncreatable;

    @Option(names = "--status-port", paramLabel = "PORT", order = 39, converter = Converters.Port.class,
            description = "while the migration runs, serve a status page that refreshes itself on http://127.0.0.1:PORT/ and its"
                    + " JSON on /status.json (phase, tables done and in flight, rates, time left, online the lag); 0 takes a free"
                    + " port, printed at the start")
    Integer statusPort;

    @Option(names = "--status-address", paramLabel = "HOST", order = 39,
            description = "with --status-port: listen on HOST instead of 127.0.0.1 (anyone who can reach it sees the page)")
    String statusAddress;

    @Option(names = "--validate", order = 40,
            description = "run the pre-migration rules first (as pgmigrate validate) and migrate only when none fails (else exit"
                    + " code 3, target untouched)")
    boolean validate;

    @Option(names = ValidateCommand.DISABLE_RULE, paramLabel = "ID[,ID...]", order = 41,
            description = "with --validate, do not run these validation rules (ids as the report shows them)")
    String disabledRules;

    @Mixin
    TablespaceOptions tablespaces;
    @Mixin
    FilterOptions filters;

    @Option(names = DRY_RUN, order = 70,
            description = "connect, check and read the source, print what the migration would do (tables largest first, what the"
                    + " filter leaves out, broken dependencies) and stop; nothing is changed")
    boolean dryRun;

    @Option(names = "--verbose", order = 71, description = "print each table as it starts, and stack traces of failures")
    boolean verbose;

    @Mixin
    HelpOption help;

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

    @Override
    public Integer call() throws UsageException {
        Endpoint from = source.endpoint(environment);
        Endpoint to = target.endpoint(environment);
        Execution execution = new Execution(out, err, Optional.ofNullable(report), verbose);
        out.println((dryRun ? "Planning the migration of " : "Migrating ") + from + " to " + to
                + (mode == MigrationMode.ONLINE ? ", online" : "") + (resume ? ", resuming the earlier run" : ""));
        Migration.Builder migration = Migration.from(from)
                .to(to)
                .mode(mode)
                .verification(verification)
                .copyFormat(copyFormat)
                .listener(ConsoleProgress.forOutput(out, verbose))
                .subscriptions(subscriptions)
                .leaveOutUncreatableObjects(leaveOutUncreatable);
        Optional.ofNullable(splitTablesLargerThan).ifPresent(migration::splitTablesLargerThan);
        Optional.ofNullable(maxSourceRate).ifPresent(migration::throttle);
        Optional.ofNullable(indexBuildMemory).ifPresent(migration::indexBuildMemory);
        Optional.ofNullable(jobs).ifPresent(migration::jobs);
        if (resume) {
            migration.resume();
        }
        if (maxRetainedWal != null && mode != MigrationMode.ONLINE) {
            throw new UsageException("option --max-retained-wal only applies with --mode online");
        }
        Optional.ofNullable(maxRetainedWal).ifPresent(migration::maxRetainedWal);
        if (replicateDdl && mode != MigrationMode.ONLINE) {
            throw new UsageException("option --replicate-ddl only applies with --mode online");
        }
        migration.replicateDdl(replicateDdl);
        statusPage(migration);
        serverOptions(migration);
        filters.apply(migration);
        tablespaces.apply(migration);
        if (dryRun) {
            return dryRun(migration, execution);
        }
        if (validate) {
            migration.option(MigrationOption.VALIDATE_AND_MIGRATE).disableRules(ValidateCommand.ids(disabledRules));
        } else if (disabledRules != null) {
            throw new UsageException("option " + ValidateCommand.DISABLE_RULE + " only applies with --validate");
        }
        try (CancelOnExit exit = new CancelOnExit(err, mode == MigrationMode.ONLINE ? null
                : "cancelled; run the same command again with " + RESUME + " to continue where it stopped.")) {
            return execution.run(() -> started(migration, exit));
        }
    }

    private void statusPage(Migration.Builder migration) throws UsageException {
        if (statusPort == null) {
            if (statusAddress != null) {
                throw new UsageException("option --status-address only applies with --status-port");
            }
            return;
        }
        if (statusAddress == null) {
            migration.statusPort(statusPort);
            return;
        }
        InetSocketAddress address = new InetSocketAddress(statusAddress, statusPort);
        if (address.isUnresolved()) {
            throw new UsageException("option --status-address: cannot resolve host '" + statusAddress + "'");
        }
        migration.statusAddress(address);
    }

    /** The whole-server options: databases, roles, reserved roles. */
    private void serverOptions(Migration.Builder migration) throws UsageException {
        List<String> excluded = names(excludedDatabases);
        if (databases != null) {
            List<String> names = names(databases);
            if (names.equals(List.of("all"))) {
                migration.databases(DatabaseSelection.allUserDatabases().excluding(excluded.toArray(String[]::new)));
            } else if (names.isEmpty() || names.contains("all")) {
                throw new UsageException("option --databases takes all or a list of database names, not '" + databases + "'");
            } else {
                if (!excluded.isEmpty()) {
                    throw new UsageException("option --exclude-databases only applies with --databases all");
                }
                migration.databases(DatabaseSelection.named(names.toArray(String[]::new)));
            }
        } else if (!excluded.isEmpty()) {
            throw new UsageException("option --exclude-databases only applies with --databases all");
        }
        Optional.ofNullable(databasesInParallel).ifPresent(migration::databasesInParallel);
        if (finishOtherDatabases) {
            migration.finishOtherDatabasesOnFailure(true);
        }
        Optional.ofNullable(roles).ifPresent(migration::roles);
        if (reservedRoles != null) {
            migration.reservedRoles(names(reservedRoles).toArray(String[]::new));
        }
        Optional.ofNullable(reservedRolesOwner).ifPresent(migration::reservedRoleObjectsOwner);
    }

    /** A comma-separated list of names, blanks dropped; none when absent. */
    static List<String> names(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
    }

    /** Prints the plan; exit 0 even with broken dependencies: the plan shows them, and nothing ran. */
    private int dryRun(Migration.Builder migration, Execution execution) throws UsageException {
        if (validate || report != null || disabledRules != null) {
            String option = validate ? "--validate" : report != null ? "--report" : ValidateCommand.DISABLE_RULE;
            throw new UsageException("option " + option + " does not apply with " + DRY_RUN);
        }
        MigrationPlan plan;
        try {
            plan = migration.plan();
        } catch (PgMigrateException e) {
            return execution.failed(e, "");
        }
        out.print(PlanText.format(plan));
        return ExitCode.OK;
    }

    /**
     * Starts the migration and waits for its end: offline, when it is done; online, a cutover
     * requested from another shell. Prints the validation report, when the rules ran, before the
     * summary or the failure. Ctrl-C cancels it through {@code exit}.
     */
    private MigrationResult started(Migration.Builder migration, CancelOnExit exit) {
        try {
            // closed at the end: the status page, if any, stops with the command
            try (MigrationHandle handle = starter.apply(migration)) {
                exit.running(handle);
                handle.statusPage().ifPresent(page -> out.println("Status page: " + page + " (JSON: " + page.resolve("status.json") + ")"));
                if (mode == MigrationMode.ONLINE) {
                    out.println("Online migration " + handle.migrationId() + " started; once the source is quiet, run"
                            + " 'pgmigrate cutover --target URL' in another shell (Ctrl-C cancels).");
                }
                MigrationResult result = handle.await();
                result.validation().ifPresent(report -> out.print(report.toText()));
                return result;
            }
        } catch (ValidationFailedException e) {
            out.print(e.report().toText());
            throw e;
        }
    }
}
