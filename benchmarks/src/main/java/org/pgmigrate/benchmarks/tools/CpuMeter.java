package org.pgmigrate.benchmarks.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Supplier;
import org.pgmigrate.testkit.TestDatabase;

/**
 * Reads the CPU time used so far by two servers' process trees and by this JVM with the programs
 * it started, from Linux's {@code /proc}. A process's own time counts while it lives; once its
 * parent has waited for it, in the parent's "children" time, so the sums only grow.
 */
public final class CpuMeter {
    private static final Path PROC = Path.of("/proc");
    private final long targetPostmaster;
    private final long sourcePostmaster;
    private final double ticksPerSecond;

    private CpuMeter(long targetPostmaster, long sourcePostmaster, double ticksPerSecond) {
        this.targetPostmaster = targetPostmaster;
        this.sourcePostmaster = sourcePostmaster;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** A meter for the servers of {@code target} and {@code source}; empty where there is no {@code /proc}. */
    public static Optional<CpuMeter> of(TestDatabase target, TestDatabase source) {
        if (!Files.isDirectory(PROC.resolve("self"))) {
            return Optional.empty();
        }
        // Linux's USER_HZ: 100 on every architecture the testkit's binaries exist for
        return Optional.of(new CpuMeter(postmaster(target), postmaster(source), 100.0));
    }

    /** The CPU time {@code run} took, with its result, and the target's by kind of process. */
    public <T> Measured<T> measure(Supplier<T> run) {
        long targetChildren = children(targetPostmaster);
        long sourceChildren = children(sourcePostmaster);
        TargetProcesses target = new TargetProcesses(targetPostmaster, ticksPerSecond);
        CpuSeconds before = now();
        T result;
        try {
            result = run.get();
        } finally {
            target.stop();
        }
        // a backend of the run that has exited but not been waited for yet is in neither sum
        settle(targetPostmaster, targetChildren);
        settle(sourcePostmaster, sourceChildren);
        return new Measured<>(result, now().minus(before), target.byKind());
    }

    /** Waits (up to ten seconds) until the server has no more processes than before the run. */
    private static void settle(long postmaster, long childrenBefore) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (children(postmaster) > childrenBefore && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static long children(long pid) {
        return ProcessHandle.of(pid).map(p -> p.children().count()).orElse(0L);
    }

    /** What a run yielded, its CPU time, and the target server's CPU seconds by kind of process (sampled: a lower bound). */
    public record Measured<T>(T result, CpuSeconds cpu, java.util.Map<String, Double> targetByKind) {}

    private CpuSeconds now() {
        return new CpuSeconds(tree(targetPostmaster), tree(sourcePostmaster), seconds(ticks(ProcessHandle.current().pid(), true)));
    }

    /** A process and its living children, each with what it has waited for of theirs. */
    private double tree(long pid) {
        long[] sum = {ticks(pid, true)};
        ProcessHandle.of(pid).ifPresent(p -> p.children().forEach(child -> sum[0] += ticks(child.pid(), true)));
        return seconds(sum[0]);
    }

    private double seconds(long ticks) {
        return ticks / ticksPerSecond;
    }

    /** utime + stime (+ cutime + cstime) of {@code /proc/PID/stat}; 0 once the process is gone. */
    static long ticks(long pid, boolean withChildren) {
        String stat;
        try {
            stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
        } catch (IOException e) {
            return 0;
        }
        return ticksOf(stat, withChildren);
    }

    /** Parses a {@code /proc/PID/stat} line, whose second field (the command) may hold spaces and parentheses. */
    static long ticksOf(String stat, boolean withChildren) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is the state, the third of the line: utime is the line's 14th field, so fields[11]
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return withChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
    }

    /** The server's postmaster: the parent of a backend of it. */
    private static long postmaster(TestDatabase database) {
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return ProcessHandle.of(rs.getInt(1)).flatMap(ProcessHandle::parent).map(ProcessHandle::pid)
                    .orElseThrow(() -> new IllegalStateException("No postmaster found for " + database));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot find the server process of " + database + ": " + e.getMessage(), e);
        }
    }
}
