package org.pgmigrate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationHandle;

/**
 * The {@code pgmigrate} command: {@code java -jar pgmigrate.jar migrate --source URL --target URL}.
 * See {@link #HELP} and {@link ExitCode}.
 */
public final class PgMigrateCommand {
    static final String HELP = String.join("\n",
            "pgmigrate - migrates PostgreSQL databases between servers",
            "",
            "Usage:",
            "  pgmigrate migrate --source URL --target URL [options]   copy a database to another server",
            "  pgmigrate migrate --mode online --source URL --target URL [options]",
            "                                                          copy, then stream changes until cutover",
            "  pgmigrate cutover --target URL [options]                finish the online migration into URL",
            "  pgmigrate validate --source URL --target URL [options]  check before migrating, changing nothing",
            "  pgmigrate verify --source URL --target URL [options]    compare a copy with its source",
            "  pgmigrate <command> --help                              options of a command",
            "  pgmigrate --version                                     print the version and exit",
            "  pgmigrate --help                                        print this help and exit",
            "",
            Help.EXIT_CODES);

    /** The demo needs embedded servers, which this jar leaves out; say where it went rather than "unknown command". */
    static final String DEMO_MOVED = "the demo is not part of the command line (it needs embedded PostgreSQL servers): "
            + "run 'mvn -B -ntp -Pdemo -DskipTests package' in pgmigrate's source tree";

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Function<Migration.Builder, MigrationHandle> starter;

    /**
     * A command writing to {@code out} and {@code err}, reading passwords from {@code environment},
     * and running migrations with {@code starter} (tests replace {@link Migration.Builder#start()}).
     */
    PgMigrateCommand(PrintStream out, PrintStream err, Map<String, String> environment,
                     Function<Migration.Builder, MigrationHandle> starter) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.environment = Map.copyOf(environment);
        this.starter = Objects.requireNonNull(starter, "starter");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line {@code args} and returns its exit code; never calls {@code System.exit}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new PgMigrateCommand(out, err, System.getenv(), Migration.Builder::start).run(args);
    }

    int run(String... args) {
        String command = args.length > 0 && !args[0].startsWith("-") ? args[0] : null;
        String[] rest = command == null ? args : Arrays.copyOfRange(args, 1, args.length);
        try {
            int code = command == null ? topLevel(args) : subcommand(command, rest);
            out.flush();
            return code;
        } catch (UsageException e) {
            String help = command == null || !isCommand(command) ? "pgmigrate --help" : "pgmigrate " + command + " --help";
            err.println("pgmigrate: " + e.getMessage() + " (see '" + help + "')");
            return ExitCode.USAGE;
        }
    }

    private int topLevel(String[] args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("missing command: migrate, cutover, validate or verify");
        }
        if (Arguments.wantsHelp(args)) {
            out.print(HELP);
            return ExitCode.OK;
        }
        Arguments.parse(List.of(Arguments.Option.flag("--version", "")), args);
        out.println("pgmigrate " + version() + " (Java " + Runtime.version() + ")");
        return ExitCode.OK;
    }

    private int subcommand(String command, String[] args) throws UsageException {
        switch (command) {
            case "migrate":
                if (Arguments.wantsHelp(args)) {
                    out.print(MigrateCommand.HELP);
                    return ExitCode.OK;
                }
                return new MigrateCommand(out, err, environment, starter).run(args);
            case "cutover":
                if (Arguments.wantsHelp(args)) {
                    out.print(CutoverCommand.HELP);
                    return ExitCode.OK;
                }
                return new CutoverCommand(out, err, environment, Migration::requestCutover).run(args);
            case "validate":
                if (Arguments.wantsHelp(args)) {
                    out.print(ValidateCommand.HELP);
                    return ExitCode.OK;
                }
                return new ValidateCommand(out, err, environment, Migration.Builder::validate).run(args);
            case "verify":
                if (Arguments.wantsHelp(args)) {
                    out.print(VerifyCommand.HELP);
                    return ExitCode.OK;
                }
                return new VerifyCommand(out, err, environment, Migration.Builder::verify).run(args);
            case "demo":
                throw new UsageException(DEMO_MOVED);
            default:
                throw new UsageException("unknown command '" + Redaction.mask(command) + "'; the commands are migrate, cutover, validate and verify");
        }
    }

    private static boolean isCommand(String command) {
        return command.equals("migrate") || command.equals("cutover") || command.equals("validate") || command.equals("verify");
    }

    /** The project version, filtered into a resource at build time. */
    static String version() {
        Properties properties = new Properties();
        try (InputStream in = PgMigrateCommand.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown": a missing version must not stop the tool
        }
        String version = properties.getProperty("version", "unknown");
        return version.startsWith("${") ? "unknown" : version;
    }
}
