package org.pgmigrate.engine.internal.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgmigrate.engine.internal.schema.TableColumn;
import org.pgmigrate.engine.internal.schema.TableData;

class TableSplitterTest {
    private static TableData table(long bytes, String key, String filter) {
        return new TableData(1, "\"t\"", "public", "t", List.of(new TableColumn("\"id\"", TableColumn.Floats.NONE, true, false)), filter, bytes, -1, key);
    }

    @Test
    void pageRangesCoverEveryPageOnceAndTheLastIsOpenEnded() {
        List<String> ranges = TableSplitter.pageRanges(10, 3);
        assertThat(ranges).containsExactly(
                "ctid >= '(0,0)'::pg_catalog.tid AND ctid < '(3,0)'::pg_catalog.tid",
                "ctid >= '(3,0)'::pg_catalog.tid AND ctid < '(6,0)'::pg_catalog.tid",
                "ctid >= '(6,0)'::pg_catalog.tid");
    }

    @Test
    void onlyTablesAboveTheThresholdSplitAndNeverConfigurationTables() throws Exception {
        TableSplitter splitter = new TableSplitter(8192 * 4, 2, 170000);
        assertThat(splitter.split(table(8192 * 4, null, null), null)).isEmpty();
        assertThat(splitter.split(table(8192 * 10, null, null), null)).hasSize(2);
        assertThat(splitter.split(table(8192 * 10, null, "WHERE NOT standard"), null)).isEmpty();
        // before 14 there are no TID range scans: without an integer key, the table stays whole
        assertThat(new TableSplitter(1, 2, 130000).split(table(8192 * 10, null, null), null)).isEmpty();
    }

    @Test
    void keyRangesAreContiguousAndOpenAtBothEnds() {
        assertThat(KeyRanges.ranges("\"id\"", 1, 100, 4)).containsExactly(
                "\"id\" < 26", "\"id\" >= 26 AND \"id\" < 51", "\"id\" >= 51 AND \"id\" < 76", "\"id\" >= 76");
        assertThat(KeyRanges.ranges("\"id\"", 5, 5, 4)).containsExactly("\"id\" IS NOT NULL");
    }
}
