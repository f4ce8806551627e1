package org.pgmigrate.benchmarks.tools;

/**
 * The JVM heap during a run: the most it held ({@code used}, garbage included, sampled) and the most
 * that survived a garbage collection ({@code afterGc}, closer to what the run really keeps).
 */
public record HeapPeak(long used, long afterGc) {
    public HeapPeak max(HeapPeak other) {
        return new HeapPeak(Math.max(used, other.used), Math.max(afterGc, other.afterGc));
    }
}
