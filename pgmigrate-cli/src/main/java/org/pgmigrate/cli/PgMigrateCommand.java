package org.pgmigrate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code pgmigrate} command: {@code java -jar pgmigrate.jar migrate --source URL --target URL}.
 * Its subcommands are {@link MigrateCommand}, {@link CutoverCommand}, {@link AbandonCommand},
 * {@link ValidateCommand} and {@link VerifyCommand}; see {@link ExitCode} for what it returns.
 */
@Command(name = "pgmigrate",
        customSynopsis = {
            "pgmigrate migrate --source URL --target URL [options]   copy a database to another server",
            "       pgmigrate migrate --mode online --source URL --target URL [options]",
            "                                                          copy, then stream changes until cutover",
            "       pgmigrate cutover --target URL [options]                finish the online migration into URL",
            "       pgmigrate abandon --source URL --target URL [options]   drop what a stopped online migration kept",
            "       pgmigrate validate --source URL --target URL [options]  check before migrating, changing nothing",
            "       pgmigrate verify --source URL --target URL [options]    compare a copy with its source",
            "       pgmigrate <command> --help                              options of a command",
            "       pgmigrate --version                                     print the version and exit",
            "       pgmigrate --help                                        print this help and exit"},
        header = {"pgmigrate - migrates PostgreSQL databases between servers", ""},
        footer = Help.EXIT_CODES,
        versionProvider = PgMigrateCommand.Version.class)
public final class PgMigrateCommand implements Callable<Integer> {
    /** The demo needs embedded servers, which this jar leaves out; say where it went rather than "unknown command". */
    static final String DEMO_MOVED = "the demo is not part of the command line (it needs embedded PostgreSQL servers): "
            + "run 'mvn -B -ntp -Pdemo -DskipTests package' in pgmigrate's source tree";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "print the version and exit")
    boolean version;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Backend backend;

    /** A command writing to {@code out} and {@code err}, reading passwords from {@code environment}, calling {@code backend}. */
    PgMigrateCommand(PrintStream out, PrintStream err, Map<String, String> environment, Backend backend) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.environment = Map.copyOf(environment);
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line {@code args} and returns its exit code; never calls {@code System.exit}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new PgMigrateCommand(out, err, System.getenv(), Backend.LIBRARY).run(args);
    }

    /** No command: only --help and --version stand alone. */
    @Override
    public Integer call() throws UsageException {
        throw new UsageException("missing command: migrate, cutover, abandon, validate or verify");
    }

    int run(String... args) {
        CommandLine commandLine = commandLine(args);
        int code = commandLine.execute(args);
        commandLine.getOut().flush();
        out.flush();
        return code;
    }

    /** The command with its subcommands, ready to execute {@code args}. */
    CommandLine commandLine(String... args) {
        UsageErrors usageErrors = new UsageErrors(err);
        CommandLine commandLine = new CommandLine(this)
                .addSubcommand(new MigrateCommand(out, err, environment, backend.starter()))
                .addSubcommand(new CutoverCommand(out, err, environment, backend.cutover()))
                .addSubcommand(new AbandonCommand(out, err, environment, backend.abandoner()))
                .addSubcommand(new ValidateCommand(out, err, environment, backend.validator()))
                .addSubcommand(new VerifyCommand(out, err, environment, backend.verifier()))
                // set after the subcommands are added, so that they apply to them too
                .setUsageHelpWidth(100)
                .setUsageHelpLongOptionsMaxWidth(32)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setParameterExceptionHandler(usageErrors)
                .setExecutionExceptionHandler(usageErrors)
                .setExecutionStrategy(parsed -> {
                    if (!UsageErrors.wantsHelp(args)) {
                        refuseLeftovers(parsed);
                    }
                    return new CommandLine.RunLast().execute(parsed);
                });
        // the synopsis lists the commands with what they do: picocli's list of their names would repeat it
        List<String> sections = new ArrayList<>(commandLine.getHelpSectionKeys());
        sections.removeAll(List.of(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING,
                CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST));
        commandLine.setHelpSectionKeys(sections);
        commandLine.getCommandSpec().usageMessage().width(110);
        List<CommandLine> commands = new ArrayList<>(commandLine.getSubcommands().values());
        commands.add(commandLine);
        for (CommandLine command : commands) {
            // options in the order of their "order" attributes (source and target first), as groups rather than A to Z
            command.getCommandSpec().usageMessage().sortOptions(false).optionListHeading("%nOptions:%n").footerHeading("%n");
        }
        return commandLine;
    }

    /**
     * What picocli lets through: {@code --source=} or {@code --report --verbose}, where the value
     * was forgotten (it is not "" or "--verbose"), and arguments after {@code --version}.
     */
    private static void refuseLeftovers(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (!level.unmatched().isEmpty()) {
                throw new UnmatchedArgumentException(level.commandSpec().commandLine(), level.unmatched());
            }
            for (OptionSpec option : level.matchedOptions()) {
                if (option.arity().min() > 0
                        && option.originalStringValues().stream().anyMatch(v -> v.isEmpty() || v.startsWith("--"))) {
                    throw new ParameterException(level.commandSpec().commandLine(), UsageErrors.needsValue(option), option, null);
                }
            }
        }
    }

    /** {@code pgmigrate 0.1.0 (Java 17.0.15+6)}: the project version, filtered into a resource at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = PgMigrateCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                // fall through to "unknown": a missing version must not stop the tool
            }
            String version = properties.getProperty("version", "unknown");
            return new String[] {"pgmigrate " + (version.startsWith("${") ? "unknown" : version) + " (Java " + Runtime.version() + ")"};
        }
    }
}
