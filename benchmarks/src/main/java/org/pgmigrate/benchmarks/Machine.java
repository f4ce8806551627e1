package org.pgmigrate.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** How busy the machine is at one moment, so that figures taken on a loaded machine say so. */
record Machine(double loadAverage, long postgresProcesses) {
    /** Now; call it while the benchmark's own servers are down, so their processes are not counted. */
    static Machine now() {
        long postgres = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .count();
        return new Machine(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), postgres);
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "load average %.2f, %d other PostgreSQL processes", loadAverage, postgresProcesses);
    }
}
