package org.pgmigrate.engine.internal.status;

import java.util.ConcurrentModificationException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.pgmigrate.MigrationResult;

/**
 * The work so far of the runs going on, by migration id, for the status page to draw as the
 * report it will become. A run registers while it runs; the several databases of one run share
 * its id, and the first registered is the one shown until it ends: a run of several databases
 * registers before them, and shows them all.
 */
public final class LiveResults {
    private static final Map<String, Supplier<Optional<MigrationResult>>> RUNS = new ConcurrentHashMap<>();

    private LiveResults() {}

    /** Registers {@code progress} under {@code migrationId}; closing the registration removes it. */
    public static Registration register(String migrationId, Supplier<Optional<MigrationResult>> progress) {
        if (RUNS.putIfAbsent(migrationId, progress) != null) {
            return () -> { };
        }
        return () -> RUNS.remove(migrationId, progress);
    }

    /** The work so far of run {@code migrationId}, when it is running and can tell. */
    static Optional<MigrationResult> of(String migrationId) {
        Supplier<Optional<MigrationResult>> progress = RUNS.get(migrationId);
        try {
            return progress == null ? Optional.empty() : progress.get();
        } catch (ConcurrentModificationException e) {
            return Optional.empty(); // caught while a worker changed it: the next refresh shows it
        }
    }

    /** A registration, removed when closed. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
