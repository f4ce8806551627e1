package org.pgmigrate.spi.copy;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a {@link CopyStrategy} may look at while it plans a table's copy.
 *
 * <p><b>Incubating</b>: may change between minor versions.
 */
public interface CopyContext {
    /**
     * The plan the built-in strategy would choose for the table: start from it to change one
     * thing (add a transformation, other parts).
     */
    CopyPlan builtInPlan() throws SQLException;

    /**
     * A connection to the source database inside the migration's snapshot, so a query sees the rows
     * the copy will read (for example the range of a timestamp column to cut parts by). Read only:
     * leave its settings and its transaction as they are, and do not close it.
     */
    Connection source();

    /** The source's major version (11, 15...). */
    int sourceMajor();

    /** The target's major version. */
    int targetMajor();
}
