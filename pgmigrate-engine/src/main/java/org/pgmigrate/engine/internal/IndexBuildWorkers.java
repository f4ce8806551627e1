package org.pgmigrate.engine.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * How many parallel workers an index build may start on the target: one per job of the
 * migration that sits idle, never more than the target's own max_parallel_maintenance_workers.
 * The jobs are the share of the target's cores the user gave the migration. While they all copy
 * or build, parallel workers would only compete with them for those cores, and they cost more CPU
 * in all than a serial build (each sorts a run that the leader merges again); when one large
 * index is all that is left to do, the idle jobs' cores build it.
 */
final class IndexBuildWorkers {
    private IndexBuildWorkers() {}

    /** Sets the limit for the rest of the current transaction. */
    static void limitTo(Connection target, int idleJobs) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement("SELECT pg_catalog.set_config('max_parallel_maintenance_workers',"
                + " LEAST(reset_val::int, ?)::text, true)"
                + " FROM pg_catalog.pg_settings WHERE name = 'max_parallel_maintenance_workers'")) {
            ps.setInt(1, idleJobs);
            ps.execute();
        }
    }
}
