package org.pgmigrate.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pgmigrate.benchmarks.data.GeneratedSource;
import org.pgmigrate.benchmarks.data.SourceGenerator;
import org.pgmigrate.benchmarks.tools.ClientTools;
import org.pgmigrate.benchmarks.tools.CpuMeter;
import org.pgmigrate.benchmarks.tools.CpuSeconds;
import org.pgmigrate.benchmarks.tools.RunContext;
import org.pgmigrate.benchmarks.tools.Tool;
import org.pgmigrate.benchmarks.tools.ToolRun;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;

/**
 * The benchmark program: starts a source and a target server, generates the source, then runs
 * every contender once per round into a fresh target database, checks each target against the
 * source, and prints the report. Exits 0, or 1 when a tool failed or left a target different from
 * the source (2 for bad options).
 *
 * <p>{@code mvn -B -ntp -pl benchmarks -am -Pbenchmark -DskipTests package -Dbench.size=1GB -Dbench.rounds=3}
 */
public final class Benchmark {
    private static final String SOURCE = "bench_source";
    private static final String TARGET = "bench_target";
    /**
     * The same for both servers and every tool: room for a large load without forced checkpoints,
     * and for pg_dump, which locks every table of the source in one transaction, with thousands of
     * small tables ({@code --small-tables}). No autovacuum: a run pays for its own work only, not
     * for the vacuum and analysis its load, or an earlier run's target kept till the end, calls for.
     */
    private static final Map<String, String> SERVER_SETTINGS = Map.of(
            "shared_buffers", "512MB", "max_wal_size", "4GB", "checkpoint_timeout", "30min", "max_locks_per_transaction", "1024",
            "autovacuum", "off");

    private final BenchmarkOptions options;
    private final PrintStream out;

    Benchmark(BenchmarkOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new Benchmark(options, System.out).run() ? 0 : 1);
    }

    /** Runs everything and prints the report; true when every run finished with a target equal to the source. */
    boolean run() {
        Machine before = Machine.now();
        out.println("machine: " + Machine.cores() + " cores, " + before);
        Optional<ClientTools> clients = ClientTools.find();
        int major = ServerMajorChoice.choose(options.major(),
                clients.map(c -> OptionalInt.of(c.major())).orElse(OptionalInt.empty()), PostgresServer.MAJORS);
        Contenders contenders = Contenders.choose(options, clients, major);
        contenders.skipped().forEach(reason -> out.println("skipped " + reason));
        clients.ifPresent(c -> out.println("client programs: PostgreSQL " + c.major() + " in " + c.binDir()));
        Results results = new Results();
        contenders.tools().forEach(tool -> results.register(tool.measures()));
        Path workDir = createWorkDir();
        Setup setup;
        try {
            setup = measure(major, contenders, workDir, results);
        } catch (RuntimeException e) {
            delete(workDir);
            throw e;
        }
        setup = setup.withMachine(Machine.cores() + " cores; at the start " + before + "; at the end " + Machine.now());
        out.println();
        out.print(Report.render(setup, results));
        if (results.allEqual()) {
            delete(workDir);
        } else {
            out.println("tool output kept in " + workDir.resolve("logs"));
        }
        return results.allEqual();
    }

    /** Starts the servers, generates the source and runs every round; returns what was measured on. */
    private Setup measure(int major, Contenders contenders, Path workDir, Results results) {
        int sourceMajor = options.sourceMajor().orElse(major);
        if (!PostgresServer.MAJORS.contains(sourceMajor)) {
            throw new IllegalArgumentException("--source-major " + sourceMajor + ": the testkit has " + PostgresServer.MAJORS);
        }
        try (PostgresServer sourceServer = start(sourceMajor); PostgresServer targetServer = start(major)) {
            out.printf("servers: source PostgreSQL %s on port %d, target %s on port %d%n",
                    version(sourceServer), sourceServer.port(), version(targetServer), targetServer.port());
            long started = System.nanoTime();
            GeneratedSource source = new SourceGenerator(sourceServer, out).generate(SOURCE, options.sizeBytes(), options.smallTables(), options.shape());
            out.printf(Locale.ROOT, "source: %s, %,d rows, generated in %.0f s%n", ByteSize.format(source.bytes()),
                    source.rows().total(), (System.nanoTime() - started) / 1e9);
            primeWal(targetServer, source.bytes());
            List<TestDatabase> earlierTargets = new ArrayList<>();
            out.println("each run's target is kept until the end while the disk has room for four more sources:"
                    + " a run would otherwise create its files among the thousands the previous run's target just deleted");
            try (TestDatabase sourceDatabase = source.database()) {
                for (int round = 1; round <= options.rounds(); round++) {
                    for (Tool tool : contenders.inRound(round)) {
                        runOnce(tool, round, sourceDatabase, targetServer, workDir, results).ifPresent(target ->
                                keepOrDrop(target, earlierTargets, workDir, 4 * source.bytes()));
                    }
                }
            } finally {
                earlierTargets.forEach(TestDatabase::close);
            }
            return new Setup(source.bytes(), source.rows().total(), source.rows().tables(), options.shape().id() + " shape; "
                    + describe(sourceServer, targetServer),
                    options.jobs(), options.rounds(), "");
        }
    }

    /**
     * Keeps {@code target} to drop it at the end while the disk has {@code room} left, else drops it
     * now. Dropping a database deletes its files: on this project's machine (ext4 without a journal)
     * the next tens of seconds of file creation then skip the inodes just freed, one by one, so the
     * run after a target of 10,000 tables was dropped created its files far slower than the first.
     */
    private static void keepOrDrop(TestDatabase target, List<TestDatabase> kept, Path workDir, long room) {
        long usable;
        try {
            usable = Files.getFileStore(workDir).getUsableSpace();
        } catch (IOException e) {
            usable = 0;
        }
        if (usable > room) {
            kept.add(target);
        } else {
            target.close();
        }
    }

    /** Runs {@code tool} once into a new target database, which it returns unless the run failed (then dropped). */
    private Optional<TestDatabase> runOnce(Tool tool, int round, TestDatabase source, PostgresServer targetServer, Path workDir,
                                           Results results) {
        String name = "round-" + round + "-" + tool.id().id();
        Path runDir = workDir.resolve(name);
        Path log = workDir.resolve("logs").resolve(name + ".log");
        quiesce(source.server(), targetServer);
        TestDatabase target = targetServer.createDatabase(TARGET + "_" + round + "_" + tool.id().id().replace('-', '_'));
        try {
            ToolRun run;
            Optional<CpuSeconds> cpu;
            Map<String, Double> targetByKind = Map.of();
            try {
                Files.createDirectories(runDir);
                RunContext context = new RunContext(source, target, options.jobs(), runDir, log);
                Optional<CpuMeter> meter = CpuMeter.of(target, source);
                if (meter.isPresent()) {
                    CpuMeter.Measured<ToolRun> measured = meter.get().measure(() -> tool.run(context));
                    run = measured.result();
                    cpu = Optional.of(measured.cpu());
                    targetByKind = measured.targetByKind();
                } else {
                    run = tool.run(context);
                    cpu = Optional.empty();
                }
            } catch (IOException | RuntimeException e) {
                results.failed(tool.measures());
                out.printf("round %d  %s  FAILED: %s%n", round, tool.id().id(), e.getMessage());
                target.close();
                return Optional.empty();
            } finally {
                delete(runDir);
            }
            long checking = System.nanoTime();
            Optional<String> differences = TargetCheck.differences(target, source);
            results.add(tool.measures().get(0), run, cpu, differences.isPresent() ? Outcome.DIFFERENT : Outcome.EQUAL);
            out.printf(Locale.ROOT, "round %d  %s%s%s  target %s (checked in %.0f s)%n", round, timings(tool, run),
                    cpu.map(c -> String.format(Locale.ROOT, "  CPU s: target %.1f, source %.1f, client %.1f", c.target(), c.source(), c.client()))
                            .orElse(""),
                    run.heap().map(h -> "  heap " + Report.mebibytes(h.used()) + " (" + Report.mebibytes(h.afterGc()) + " after GC)").orElse(""),
                    differences.isPresent() ? "DIFFERENT" : "equal", (System.nanoTime() - checking) / 1e9);
            differences.ifPresent(d -> out.printf("!!!! the target of %s in round %d is DIFFERENT from the source:%n%s%n",
                    tool.id().id(), round, d.indent(4)));
            run.notes().forEach(note -> out.println("!!!! " + note));
            if (!targetByKind.isEmpty()) {
                out.println("         target CPU s by process: " + targetByKind.entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
            }
            return Optional.of(target);
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    /** The run's timings in the order of the tool's measures, the main one first. */
    private static String timings(Tool tool, ToolRun run) {
        return tool.measures().stream().filter(run.timings()::containsKey)
                .map(m -> String.format(Locale.ROOT, "%s %.1f s", m.label(), run.timings().get(m).toNanos() / 1e9))
                .collect(Collectors.joining("; "));
    }

    /**
     * Writes about twice the source's size of WAL on the fresh target and throws the table away:
     * the checkpoint before the first run then leaves WAL segments to recycle, as every later run
     * finds them. Otherwise the tool that runs first pays for creating and zero-filling them all.
     */
    private static void primeWal(PostgresServer target, long sourceBytes) {
        long rows = 2 * sourceBytes / 2000;
        target.execute("postgres", "CREATE TABLE public.wal_warm_up AS SELECT repeat('x', 2000) AS filler FROM generate_series(1, "
                + rows + ")");
        target.execute("postgres", "DROP TABLE public.wal_warm_up");
    }

    /** No pending dirty buffers on either server nor in the OS when a timed run starts. */
    private static void quiesce(PostgresServer source, PostgresServer target) {
        source.execute("postgres", "CHECKPOINT");
        target.execute("postgres", "CHECKPOINT");
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
        } catch (IOException e) {
            // no sync on this machine: the OS writes back on its own
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static PostgresServer start(int major) {
        PostgresServer.Builder builder = PostgresServer.builder(major);
        SERVER_SETTINGS.forEach(builder::setting);
        return builder.start();
    }

    private static String version(PostgresServer server) {
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version')")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the version of " + server + ": " + e.getMessage(), e);
        }
    }

    private static String describe(PostgresServer source, PostgresServer target) {
        String from = version(source);
        String to = version(target);
        String servers = from.equals(to) ? "two embedded PostgreSQL " + from : "embedded PostgreSQL " + from + " (source) and "
                + to + " (target)";
        return servers + " on loopback, fsync, full_page_writes and synchronous_commit off"
                + " (testkit defaults), " + SERVER_SETTINGS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static Path createWorkDir() {
        try {
            Path dir = Files.createTempDirectory("pgmigrate-benchmark-");
            Files.createDirectories(dir.resolve("logs"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + dir, e);
        }
    }
}
