package org.pgmigrate.engine.internal.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.pgmigrate.CopyFormat;
import org.pgmigrate.engine.internal.schema.TableData;
import org.pgmigrate.spi.copy.CopyContext;
import org.pgmigrate.spi.copy.CopyPlan;
import org.pgmigrate.spi.copy.CopyStrategy;
import org.pgmigrate.spi.copy.CopyTable;

/**
 * The strategy of every table no user's strategy takes: binary where {@link
 * TableCopier#binaryByDefault} says so (or the format the user chose for all tables), in parts when
 * the table is larger than the split size ({@link TableSplitter}), {@code character(n)} padding
 * left out on the way ({@link PaddingTrimmer}).
 */
final class BuiltInCopyStrategy implements CopyStrategy {
    private final CopyFormat format;
    private final TableSplitter splitter;
    private final int sourceMajor;
    private final int targetMajor;

    BuiltInCopyStrategy(CopyFormat format, TableSplitter splitter, int sourceMajor, int targetMajor) {
        this.format = format;
        this.splitter = splitter;
        this.sourceMajor = sourceMajor;
        this.targetMajor = targetMajor;
    }

    /** The run's own description of the table, which the plan needs beyond what strategies see. */
    interface RunContext extends CopyContext {
        TableData data();
    }

    @Override
    public Optional<CopyPlan> plan(CopyTable table, CopyContext context) throws SQLException {
        if (!(context instanceof RunContext run)) {
            throw new IllegalArgumentException("The built-in copy strategy plans inside a migration run only");
        }
        return Optional.of(plan(run.data(), context.source()));
    }

    CopyPlan plan(TableData table, Connection source) throws SQLException {
        boolean binary = format == CopyFormat.BINARY || (format == CopyFormat.AUTO && TableCopier.binaryByDefault(table, sourceMajor, targetMajor));
        return (binary ? CopyPlan.binary() : CopyPlan.text()).withParts(splitter.split(table, source))
                .withTransform(PaddingTrimmer.of(table.columns(), binary));
    }

    @Override
    public String toString() {
        return "the built-in copy strategy";
    }
}
