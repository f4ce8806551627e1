package org.pgmigrate.engine.internal.online;

import java.util.ArrayList;
import java.util.List;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.ReplicationLag;

/**
 * The lag measured over an online run, for its result: at most
 * {@link MigrationResult#MAX_LAG_SAMPLES}, spread evenly over the whole run however long it streams.
 * Once full, every other sample is dropped and from then on only every other measurement is kept.
 */
final class LagSamples {
    private final List<ReplicationLag> samples = new ArrayList<>();
    /** Keep one measurement in this many. */
    private long every = 1;
    private long measured;

    synchronized void add(ReplicationLag lag) {
        if (measured++ % every != 0) {
            return;
        }
        samples.add(lag);
        if (samples.size() >= MigrationResult.MAX_LAG_SAMPLES) {
            List<ReplicationLag> kept = new ArrayList<>();
            for (int i = 0; i < samples.size(); i += 2) {
                kept.add(samples.get(i));
            }
            samples.clear();
            samples.addAll(kept);
            every *= 2;
        }
    }

    synchronized List<ReplicationLag> all() {
        return List.copyOf(samples);
    }
}
