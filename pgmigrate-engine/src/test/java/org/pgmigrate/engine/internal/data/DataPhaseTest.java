package org.pgmigrate.engine.internal.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgmigrate.CopyFormat;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.engine.internal.copy.CopyPlans;
import org.pgmigrate.engine.internal.copy.TableCopier;
import org.pgmigrate.engine.internal.copy.TableSplitter;
import org.pgmigrate.engine.internal.copy.Throttle;
import org.pgmigrate.engine.internal.journal.Journal;
import org.pgmigrate.engine.internal.journal.TaskRunner;
import org.pgmigrate.engine.internal.run.Timeline;
import org.pgmigrate.engine.internal.schema.TableColumn;
import org.pgmigrate.engine.internal.schema.TableData;

class DataPhaseTest {
    private static TableData table(boolean binarySafe, String filter) {
        return new TableData(1, "\"s\".\"t\"", "s", "t", List.of(new TableColumn("\"a\"", TableColumn.Floats.NONE, true, false), new TableColumn("\"b\"", TableColumn.Floats.NONE, binarySafe, false)),
                filter, 0, 0, null);
    }

    private static TableCopier.Options options(CopyFormat format, boolean sameMajor, TableData table) throws SQLException {
        CopyPlans plans = new CopyPlans(List.of(), format, new TableSplitter(1L << 30, 2, 170000), 15, sameMajor ? 15 : 17, Clock.systemUTC());
        DataPhase phase = new DataPhase(MigrationListener.NONE, Clock.systemUTC(), plans, new ArrayList<>(), Throttle.NONE, false,
                new TaskRunner(Journal.inMemory(), TaskRunner.Retries.DEFAULT, w -> { }, () -> false), null, Timeline.NONE);
        // small and unsplit: planning asks the source nothing
        phase.plan(table, null);
        return phase.options(table);
    }

    @Test
    void binaryOnlyIntoTheSameOrANewerMajorAndForTypesThatAllowIt() throws SQLException {
        assertThat(options(CopyFormat.AUTO, true, table(true, null)).binary()).isTrue();
        assertThat(options(CopyFormat.AUTO, false, table(true, null)).binary()).as("15 to 17").isTrue();
        assertThat(options(CopyFormat.AUTO, true, table(false, null)).binary()).isFalse();
        assertThat(options(CopyFormat.TEXT, true, table(true, null)).binary()).isFalse();
        assertThat(options(CopyFormat.BINARY, false, table(false, null)).binary()).isTrue();
        assertThat(TableCopier.binaryByDefault(table(true, null), 17, 15)).as("into an older major").isFalse();
        assertThat(TableCopier.binaryByDefault(table(true, null), 11, 18)).isTrue();
    }

    @Test
    void extensionConfigurationTablesAreNeverEmptiedForFreeze() throws SQLException {
        assertThat(options(CopyFormat.AUTO, true, table(true, null)).freeze()).isTrue();
        assertThat(options(CopyFormat.AUTO, true, table(true, "WHERE NOT standard")).freeze()).isFalse();
    }
}
