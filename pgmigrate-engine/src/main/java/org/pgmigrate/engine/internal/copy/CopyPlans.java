package org.pgmigrate.engine.internal.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pgmigrate.CopyFormat;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.engine.internal.schema.TableColumn;
import org.pgmigrate.engine.internal.schema.TableData;
import org.pgmigrate.spi.copy.CopyPlan;
import org.pgmigrate.spi.copy.CopyStrategy;
import org.pgmigrate.spi.copy.CopyTable;

/**
 * Chooses how each table of a run is copied: the user's {@link CopyStrategy strategies} in the
 * order given, the first with a plan taking the table, else the {@link BuiltInCopyStrategy}.
 */
public final class CopyPlans {
    /**
     * A table's plan as the run carries it out.
     *
     * @param plan what the strategy chose
     * @param partsCoverTheTable whether the parts are known to hold every row once (the built-in
     *     strategy's are): only then does the copy's digest stand for the source's rows
     * @param tableThrottle the plan's own limit of bytes per second
     */
    public record TablePlan(CopyPlan plan, boolean partsCoverTheTable, Throttle tableThrottle) {}

    private final List<CopyStrategy> strategies;
    private final BuiltInCopyStrategy builtIn;
    private final int sourceMajor;
    private final int targetMajor;
    private final Clock clock;

    /** @param sourceMajor the source's major version (15), as {@code targetMajor} the target's */
    public CopyPlans(List<CopyStrategy> strategies, CopyFormat format, TableSplitter splitter, int sourceMajor, int targetMajor,
                     Clock clock) {
        this.strategies = List.copyOf(strategies);
        this.builtIn = new BuiltInCopyStrategy(format, splitter, sourceMajor, targetMajor);
        this.sourceMajor = sourceMajor;
        this.targetMajor = targetMajor;
        this.clock = clock;
    }

    /** The plan for {@code table}; {@code source} is inside the run's snapshot. */
    public TablePlan plan(TableData table, Connection source) throws SQLException {
        CopyTable described = describe(table);
        Context context = new Context(table, described, source);
        for (CopyStrategy strategy : strategies) {
            Optional<CopyPlan> chosen;
            try {
                chosen = strategy.plan(described, context);
            } catch (SQLException | RuntimeException e) {
                throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "The copy strategy " + strategy.getClass().getName()
                        + " failed to plan the copy of " + table.qualifiedName() + ": " + e.getMessage(), e);
            }
            if (chosen != null && chosen.isPresent()) {
                CopyPlan plan = trimmedFor(chosen.get(), table);
                boolean covered = plan.parts().isEmpty() || (context.builtIn != null && context.builtIn.parts().equals(plan.parts()));
                return new TablePlan(plan, covered, throttle(plan));
            }
        }
        CopyPlan plan = context.builtInPlan();
        return new TablePlan(plan, true, throttle(plan));
    }

    /** The table as a strategy sees it. */
    static CopyTable describe(TableData table) {
        List<CopyTable.CopyColumn> columns = new ArrayList<>();
        for (TableColumn c : table.columns()) {
            columns.add(new CopyTable.CopyColumn(c.name(), c.type()));
        }
        return new CopyTable(table.schema(), table.name(), columns, table.estimatedBytes(), table.estimatedRows());
    }

    /** The built-in trimming of {@code character(n)} padding reads one format: a plan that changed the format gets the other. */
    private static CopyPlan trimmedFor(CopyPlan plan, TableData table) {
        if (plan.transform().orElse(null) instanceof PaddingTrimmer trimmer && trimmer.binary() != plan.isBinary()) {
            return plan.withTransform(PaddingTrimmer.of(table.columns(), plan.isBinary()));
        }
        return plan;
    }

    private Throttle throttle(CopyPlan plan) {
        return Throttle.sleeping(plan.maxBytesPerSecond(), clock);
    }

    /** What a strategy may look at; the built-in plan is worked out when first asked for. */
    private final class Context implements BuiltInCopyStrategy.RunContext {
        private final TableData table;
        private final CopyTable described;
        private final Connection source;
        private CopyPlan builtIn;

        Context(TableData table, CopyTable described, Connection source) {
            this.table = table;
            this.described = described;
            this.source = source;
        }

        @Override
        public CopyPlan builtInPlan() throws SQLException {
            if (builtIn == null) {
                builtIn = CopyPlans.this.builtIn.plan(described, this).orElseThrow();
            }
            return builtIn;
        }

        @Override
        public TableData data() {
            return table;
        }

        @Override
        public Connection source() {
            return source;
        }

        @Override
        public int sourceMajor() {
            return sourceMajor;
        }

        @Override
        public int targetMajor() {
            return targetMajor;
        }
    }
}
