package org.pgmigrate.benchmarks.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Samples, every 100 ms while a run lasts, the CPU time of each process of a server by the kind
 * its title names (client backends, autovacuum, checkpointer and the other background
 * processes), to tell which part of a server's CPU a run's work accounts for. A process's last
 * sample counts, so what it used in its last 100 ms may be missed: a lower bound.
 */
final class TargetProcesses {
    private final long postmaster;
    private final double ticksPerSecond;
    private final Map<Long, Long> first = new HashMap<>();
    private final Map<Long, Long> last = new HashMap<>();
    private final Map<Long, String> kinds = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    TargetProcesses(long postmaster, double ticksPerSecond) {
        this.postmaster = postmaster;
        this.ticksPerSecond = ticksPerSecond;
        sample();
        this.thread = new Thread(this::loop, "target-processes");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        ProcessHandle.of(postmaster).ifPresent(p -> p.children().forEach(child -> {
            long pid = child.pid();
            long ticks = CpuMeter.ticks(pid, false);
            if (ticks == 0 && !last.containsKey(pid)) {
                return;
            }
            first.putIfAbsent(pid, ticks);
            last.put(pid, Math.max(ticks, last.getOrDefault(pid, 0L)));
            kinds.computeIfAbsent(pid, TargetProcesses::kind);
        }));
    }

    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }

    /** CPU seconds by kind of process, over the sampled time. */
    synchronized Map<String, Double> byKind() {
        Map<String, Double> seconds = new TreeMap<>();
        last.forEach((pid, ticks) -> seconds.merge(kinds.get(pid), (ticks - first.get(pid)) / ticksPerSecond, Double::sum));
        return seconds;
    }

    /** The kind a process title ({@code postgres: autovacuum worker ...}) names. */
    static String kind(long pid) {
        try {
            String title = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
            return kindOf(title);
        } catch (IOException e) {
            return "gone";
        }
    }

    static String kindOf(String title) {
        String t = title.replace('\0', ' ');
        if (t.contains("autovacuum")) {
            return "autovacuum";
        }
        for (String background : new String[] {"checkpointer", "background writer", "walwriter", "walsender", "logical replication"}) {
            if (t.contains(background)) {
                return background;
            }
        }
        return t.contains("postgres: postgres ") || t.contains("postgres: ") && t.contains("(") ? "backends" : "other";
    }
}
