package org.pgmigrate.benchmarks.tools;

/**
 * The CPU time the three parties of one run used, user and system: the target server's
 * processes, the source server's, and the client (pgmigrate's JVM, or the programs the
 * benchmark started). On a machine where all three share the cores, a run cannot take less wall
 * time than their sum divided by the cores.
 */
public record CpuSeconds(double target, double source, double client) {
    public double total() {
        return target + source + client;
    }

    CpuSeconds minus(CpuSeconds earlier) {
        return new CpuSeconds(target - earlier.target, source - earlier.source, client - earlier.client);
    }
}
