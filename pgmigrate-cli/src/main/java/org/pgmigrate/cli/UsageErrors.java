package org.pgmigrate.cli;

import java.io.PrintStream;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A wrong command line ends in one line on standard error, naming the option and where help is,
 * and exit code 2. Nothing is ignored: a mistyped option silently ignored during a migration (say
 * {@code --job 8}) is worse than a refusal. Asking for help wins over every other mistake.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
    private final PrintStream err;

    UsageErrors(PrintStream err) {
        this.err = err;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        if (wantsHelp(args)) {
            command.usage(command.getOut());
            return ExitCode.OK;
        }
        return report(command, message(e, args));
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof UsageException) {
            return report(command, e.getMessage());
        }
        throw e;
    }

    static boolean wantsHelp(String[] args) {
        return Arrays.stream(args).anyMatch(arg -> arg.equals("--help") || arg.equals("-h"));
    }

    private int report(CommandLine command, String message) {
        String help = command.getParent() == null ? "pgmigrate --help" : "pgmigrate " + command.getCommandName() + " --help";
        err.println("pgmigrate: " + message + " (see '" + help + "')");
        return ExitCode.USAGE;
    }

    private static String message(ParameterException e, String[] args) {
        if (e instanceof UnmatchedArgumentException unmatched) {
            return unmatched(e.getCommandLine(), unmatched.getUnmatched().get(0), args);
        }
        if (e instanceof MissingParameterException missing) {
            OptionSpec option = (OptionSpec) missing.getMissing().get(0);
            String name = option.longestName();
            boolean given = Arrays.stream(args).anyMatch(arg -> arg.equals(name) || arg.startsWith(name + "="));
            return given ? needsValue(option) : "missing required option " + name + " " + option.paramLabel();
        }
        if (e instanceof OverwrittenOptionException overwritten) {
            return "option " + name(overwritten.getOverwritten()) + " given more than once";
        }
        if (e.getArgSpec() instanceof OptionSpec option && option.arity().max() == 0) {
            return "option " + option.longestName() + " takes no value";
        }
        if (e.getCause() instanceof TypeConversionException conversion) {
            return "option " + name(e.getArgSpec()) + (conversion.getMessage().startsWith(":") ? "" : " ") + conversion.getMessage();
        }
        return Redaction.mask(e.getMessage());
    }

    static String needsValue(OptionSpec option) {
        return "option " + option.longestName() + " needs a value (" + option.paramLabel() + ")";
    }

    private static String unmatched(CommandLine command, String arg, String[] args) {
        boolean topLevel = command.getParent() == null;
        if (topLevel && args.length > 0 && arg.equals(args[0]) && !arg.startsWith("-")) {
            return arg.equals("demo") ? PgMigrateCommand.DEMO_MOVED
                    : "unknown command '" + Redaction.mask(arg) + "'; the commands are migrate, cutover, validate and verify";
        }
        if (!arg.startsWith("-") || arg.equals("-")) {
            return "unexpected argument '" + Redaction.mask(arg) + "'";
        }
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        String message = "unknown option '" + Redaction.mask(name) + "'";
        String closest = null;
        int closestDistance = Integer.MAX_VALUE;
        for (String option : command.getCommandSpec().optionsMap().keySet()) {
            if (!option.startsWith("--")) {
                continue; // -h is no likely meaning of -j
            }
            int distance = editDistance(option, name);
            if (distance < closestDistance) {
                closest = option;
                closestDistance = distance;
            }
        }
        return closestDistance <= 2 ? message + "; did you mean " + closest + "?" : message;
    }

    private static String name(ArgSpec spec) {
        return spec instanceof OptionSpec option ? option.longestName() : spec.paramLabel();
    }

    /** Levenshtein distance, to suggest the option a typo meant. */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
