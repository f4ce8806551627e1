package org.pgmigrate.engine.internal.online;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.MigrationRequest;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.engine.internal.TargetLock;
import org.pgmigrate.engine.internal.jdbc.Connector;
import org.pgmigrate.engine.internal.jdbc.Side;
import org.pgmigrate.engine.internal.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An online migration that stopped and kept what its resume needs: found for a resume, or abandoned. */
public final class StoppedMigration {
    private static final Logger LOG = LoggerFactory.getLogger(StoppedMigration.class);

    private StoppedMigration() {}

    /**
     * Drops what a stopped online migration into the request's target left for its resume: slot
     * and publication on the source, origin, journal and control row on the target. Refused while
     * the migration runs. The partial copy stays in the target database. On this machine, what a
     * process that died spilled of the transactions it was receiving goes too.
     *
     * @return what was dropped, one line per server
     */
    public static List<String> abandon(MigrationRequest request) {
        ControlTable.Earlier earlier = find(request);
        Connector source = new Connector(request.source(), Side.SOURCE);
        Connector target = new Connector(request.target(), Side.TARGET);
        ReplicationNames names = ReplicationNames.of(earlier.migrationId());
        try (Connection c = target.open()) {
            TargetLock.checkFree(c, c.getCatalog());
            List<String> left = new ReplicationObjects(source, target, names).dropAll();
            if (!left.isEmpty()) {
                throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Abandoning online migration " + earlier.migrationId()
                        + ": some replication objects could not be dropped, the journal and control row stay for another try. Run "
                        + String.join(" and ", left));
            }
            new ControlTable(target, earlier.migrationId()).remove(c);
            Journal.remove(c);
            StreamedTransactions.deleteLeftovers(names);
        } catch (SQLException e) {
            throw new PgMigrateException(ErrorKind.CONNECTION_FAILED, "Abandoning online migration " + earlier.migrationId()
                    + " failed on the target: " + e.getMessage(), e);
        }
        LOG.info("Abandoned online migration {}", earlier.migrationId());
        return List.of("on the source: replication slot " + names.slot() + " and publication " + names.publication(),
                "on the target: replication origin " + names.origin() + ", the journal and the control row (schema pgmigrate);"
                        + " the partial copy stays: drop and recreate the database before migrating again");
    }

    /** The online migration the target's control table names, for a resume; refused when there is none. */
    static ControlTable.Earlier find(MigrationRequest request) {
        Connector target = new Connector(request.target(), Side.TARGET);
        try (Connection c = target.open()) {
            return ControlTable.find(c).orElseThrow(() -> new PgMigrateException(ErrorKind.INVALID_REQUEST, "There is no online"
                    + " migration to resume or abandon in the target database: it holds no pgmigrate.online_control row (a"
                    + " migration that completed, was cancelled or abandoned removed it). Start a new one into an empty database."));
        } catch (SQLException e) {
            throw new PgMigrateException(ErrorKind.CONNECTION_FAILED, "Reading the target's pgmigrate.online_control failed: "
                    + e.getMessage(), e);
        }
    }
}
