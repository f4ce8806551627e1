package org.pgmigrate.engine.internal.data;

import java.util.ArrayList;
import java.util.List;
import org.pgmigrate.engine.internal.schema.TableData;

/**
 * Small tables, gathered to be copied many in one transaction: one by one, the commits and
 * journal round trips of their copy, index and statistics tasks would cost more than their rows.
 */
final class SmallTables {
    /** Below this size at the source (16 pages), a table's tasks cost more than its rows. */
    static final long MAX_BYTES = 128 * 1024;
    /** Tables per transaction: bounds the locks one transaction holds, and what a failure redoes. */
    static final int PER_BATCH = 50;

    private final List<TableData> tables = new ArrayList<>();

    boolean takes(TableData table) {
        if (table.estimatedBytes() > MAX_BYTES) {
            return false;
        }
        tables.add(table);
        return true;
    }

    List<List<TableData>> batches() {
        List<List<TableData>> batches = new ArrayList<>();
        for (int i = 0; i < tables.size(); i += PER_BATCH) {
            batches.add(tables.subList(i, Math.min(tables.size(), i + PER_BATCH)));
        }
        return batches;
    }
}
