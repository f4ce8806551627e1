package org.pgmigrate.engine.internal.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * How many parallel workers an index build may start on the target: one per spare job of the
 * migration (see {@link org.pgmigrate.engine.internal.copy.Workers#spare}), never more than the
 * target's own max_parallel_maintenance_workers. The jobs are the share of the target's cores the
 * user gave the migration. While copies or other builds wait for them, parallel workers would
 * only compete with those for the cores, and they cost more CPU in all than a serial build (each
 * sorts a run that the leader merges again). Once none waits, the other jobs finish what they run
 * (a copy, a build, a verification read) and have nothing urgent to go on with: a large index
 * built serially at the end of a run would leave their cores idle, as it did on the benchmark
 * (a 2-job run's last primary key, 5 million rows, alone for the last 8 seconds).
 */
final class IndexBuildWorkers {
    private IndexBuildWorkers() {}

    /** Sets the limit for the rest of the current transaction. */
    static void limitTo(Connection target, int spareJobs) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement("SELECT pg_catalog.set_config('max_parallel_maintenance_workers',"
                + " LEAST(reset_val::int, ?)::text, true)"
                + " FROM pg_catalog.pg_settings WHERE name = 'max_parallel_maintenance_workers'")) {
            ps.setInt(1, spareJobs);
            ps.execute();
        }
    }
}
