package org.pgmigrate.benchmarks.tools;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs external programs, timed, with their output appended to a log file. */
final class Processes {
    private static final int TAIL_LINES = 15;

    private Processes() {}

    /** Runs {@code command} with {@code environment} added, and returns how long it took. */
    static Duration run(List<String> command, Map<String, String> environment, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        int exit = waitFor(start(builder, command));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (exit != 0) {
            throw new ToolFailedException(program(command) + " exited with " + exit + tail(log));
        }
        return took;
    }

    /** Runs {@code producer | consumer} and returns how long the pipe took. */
    static Duration pipe(List<String> producer, List<String> consumer, Path log) {
        Redirect toLog = Redirect.appendTo(log.toFile());
        List<ProcessBuilder> builders = List.of(
                new ProcessBuilder(producer).redirectError(toLog),
                new ProcessBuilder(consumer).redirectErrorStream(true).redirectOutput(toLog));
        long start = System.nanoTime();
        List<Process> processes;
        try {
            processes = ProcessBuilder.startPipeline(builders);
        } catch (IOException e) {
            throw new ToolFailedException("Could not start " + program(producer) + " | " + program(consumer) + ": " + e.getMessage(), e);
        }
        int producerExit = waitFor(processes.get(0));
        int consumerExit = waitFor(processes.get(1));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (producerExit != 0 || consumerExit != 0) {
            throw new ToolFailedException(program(producer) + " exited with " + producerExit + ", " + program(consumer)
                    + " with " + consumerExit + tail(log));
        }
        return took;
    }

    /** What {@code command} prints (stdout and stderr), or an empty string when it cannot run. */
    static String output(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return text;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static Process start(ProcessBuilder builder, List<String> command) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new ToolFailedException("Could not start " + program(command) + ": " + e.getMessage(), e);
        }
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ToolFailedException("Interrupted while waiting for " + process.info().command().orElse("a process"), e);
        }
    }

    private static String program(List<String> command) {
        return Path.of(command.get(0)).getFileName().toString();
    }

    /** The last lines of the log, to show with a failure. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
            return "; last lines of " + log + ":\n    " + String.join("\n    ", last);
        } catch (IOException e) {
            return "; see " + log;
        }
    }
}
