package org.pgmigrate.spi.copy;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Chooses how the rows of a table travel: in which COPY format, in which parts, through which
 * transformation, at what rate. A migration asks the strategies registered with {@code
 * Migration.Builder.copyStrategy}, in the order registered, for each table it copies; the first
 * that returns a plan copies the table, and the built-in strategy, always last, the others.
 *
 * <p>Called once per table and run, before the table's copy, from the migration's threads, possibly
 * from several at once. A strategy that throws fails the run, naming it and the table.
 *
 * <p>Offline migrations only: an online migration refuses a strategy, since the changes it streams
 * after the copy would not pass through the strategy's transformation.
 *
 * <p><b>Incubating</b>: may change between minor versions.
 */
@FunctionalInterface
public interface CopyStrategy {
    /**
     * How {@code table}'s rows travel, or empty to leave the table to the next strategy.
     *
     * @param table the table, as the source has it
     * @param context the source, inside the migration's snapshot, and the plan the built-in strategy would choose
     */
    Optional<CopyPlan> plan(CopyTable table, CopyContext context) throws SQLException;
}
