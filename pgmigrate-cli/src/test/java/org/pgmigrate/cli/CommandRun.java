package org.pgmigrate.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationResult;

/** One run of the command with captured output, for tests. */
final class CommandRun {
    final int exitCode;
    final String out;
    final String err;

    private CommandRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static CommandRun of(int exitCode, String out, String err) {
        return new CommandRun(exitCode, out, err);
    }

    /** A run whose migrations {@code executor} does (in place of {@code execute()}), on the command's thread. */
    static CommandRun run(Map<String, String> environment, Function<Migration.Builder, MigrationResult> executor, String... args) {
        return run(environment, Backend.LIBRARY.withStarter(builder -> new ExecutedHandle(() -> executor.apply(builder))), args);
    }

    /** A run that asks {@code backend} in place of the library. */
    static CommandRun run(Map<String, String> environment, Backend backend, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = new PgMigrateCommand(o, e, environment, backend).run(args);
            return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    /** {@code --jobs=N}, ... : every option of {@code command} as its help should show it. */
    static List<String> synopses(String command) {
        PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new PgMigrateCommand(discard, discard, Map.of(), Backend.LIBRARY).commandLine().getSubcommands().get(command)
                .getCommandSpec().options().stream()
                .map(o -> String.join(", ", o.names()) + (o.arity().max() > 0 ? "=" + o.paramLabel() : ""))
                .toList();
    }

    /** Through the public entry point, with the real environment and engine. */
    static CommandRun runPublic(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = PgMigrateCommand.run(args, o, e);
            return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out:\n" + out + "\n--- err:\n" + err;
    }
}
