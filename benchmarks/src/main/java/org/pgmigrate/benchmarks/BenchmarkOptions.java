package org.pgmigrate.benchmarks;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.pgmigrate.benchmarks.data.Shape;
import org.pgmigrate.benchmarks.tools.ToolId;

/**
 * What to run: database size, how many small tables (each with two indexes) it has besides the
 * two large ones, rounds, parallel jobs given to every tool, which tools, and optionally the
 * servers' major version (otherwise that of the client tools found).
 */
public record BenchmarkOptions(long sizeBytes, int smallTables, int rounds, int jobs, Set<ToolId> tools, Optional<Integer> major,
                               Shape shape, Optional<Integer> sourceMajor) {
    /** The smallest database worth measuring: below it the fixed part (catalogs, small tables) dominates. */
    public static final long MIN_SIZE = 64_000_000L;

    public static final String USAGE = "usage: Benchmark [--size 1GB] [--small-tables 200] [--rounds 3] [--jobs 2]"
            + " [--tools all|pgmigrate,pgmigrate-copy,dump-restore,dump-psql,pgcopydb] [--major 15] [--shape mixed|wide|many-small]"
            + " [--source-major 11]";

    public BenchmarkOptions {
        if (sizeBytes < MIN_SIZE) {
            throw new IllegalArgumentException("--size must be at least " + ByteSize.format(MIN_SIZE));
        }
        if (smallTables < 0) {
            throw new IllegalArgumentException("--small-tables cannot be negative");
        }
        if (rounds < 1 || jobs < 1) {
            throw new IllegalArgumentException("--rounds and --jobs must be at least 1");
        }
        if (tools.isEmpty()) {
            throw new IllegalArgumentException("--tools names no tool");
        }
        tools = Set.copyOf(tools);
    }

    public static BenchmarkOptions parse(String... args) {
        long size = ByteSize.parse("1GB");
        int smallTables = 200;
        int rounds = 3;
        int jobs = 2;
        Set<ToolId> tools = EnumSet.allOf(ToolId.class);
        Optional<Integer> major = Optional.empty();
        Shape shape = Shape.MIXED;
        Optional<Integer> sourceMajor = Optional.empty();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value; " + USAGE);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--size" -> size = ByteSize.parse(value);
                case "--small-tables" -> smallTables = integer(args[i], value);
                case "--rounds" -> rounds = integer(args[i], value);
                case "--jobs" -> jobs = integer(args[i], value);
                case "--tools" -> tools = ToolId.parseList(value);
                case "--major" -> major = Optional.of(integer(args[i], value));
                case "--shape" -> shape = Shape.parse(value);
                case "--source-major" -> sourceMajor = Optional.of(integer(args[i], value));
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + "; " + USAGE);
            }
        }
        return new BenchmarkOptions(size, smallTables, rounds, jobs, tools, major, shape, sourceMajor);
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not '" + value + "'");
        }
    }
}
