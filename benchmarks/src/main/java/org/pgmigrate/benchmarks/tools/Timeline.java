package org.pgmigrate.benchmarks.tools;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pgmigrate.IndexResult;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.TableProgress;
import org.pgmigrate.TableResult;
import org.pgmigrate.TableVerification;

/**
 * Prints when each phase, table copy, index build and verification read of a pgmigrate run ended,
 * in seconds from the start of the run, to see where its time goes (JVM option
 * {@code -Dbench.timeline=true}). Tables of less than a megabyte and indexes built in less than a
 * tenth of a second are left out.
 */
final class Timeline implements MigrationListener {
    private static final long SMALL_TABLE_BYTES = 1 << 20;
    private static final long QUICK_INDEX_MILLIS = 100;

    private final PrintStream out;
    private final long start = System.nanoTime();
    /** The tables of a megabyte or more whose rows are copied, whose verification is printed too. */
    private final Set<String> large = ConcurrentHashMap.newKeySet();

    Timeline(PrintStream out) {
        this.out = out;
    }

    static boolean wanted() {
        return Boolean.getBoolean("bench.timeline");
    }

    private void print(String what) {
        out.printf("    %6.2f s  %s%n", (System.nanoTime() - start) / 1e9, what);
    }

    @Override
    public void phaseStarted(Phase phase) {
        print("phase " + phase + " started");
    }

    @Override
    public void phaseFinished(PhaseResult result) {
        print("phase " + result.phase() + " finished");
    }

    @Override
    public void tableCopied(TableProgress copied) {
        if (copied.bytes() >= SMALL_TABLE_BYTES) {
            large.add(copied.qualifiedName());
            print("table " + copied.qualifiedName() + " copied in " + seconds(copied.elapsed().toMillis()));
        }
    }

    @Override
    public void tableVerified(TableVerification verification) {
        if (large.contains(verification.qualifiedName())) {
            print("table " + verification.qualifiedName() + " verified");
        }
    }

    @Override
    public void indexBuilt(IndexResult index) {
        if (index.duration().toMillis() >= QUICK_INDEX_MILLIS) {
            print("index " + index.name() + " of " + index.table() + " built in " + seconds(index.duration().toMillis()));
        }
    }

    @Override
    public void tableFinished(TableResult table) {
        if (table.bytes() >= SMALL_TABLE_BYTES) {
            print("table " + table.name() + " finished: copied in " + seconds(table.copyDuration().toMillis())
                    + ", then indexes and statistics in " + seconds(table.indexDuration().toMillis()));
        }
    }

    private static String seconds(long millis) {
        return String.format("%.2f s", millis / 1e3);
    }
}
