package org.pgmigrate.engine.internal.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.pgmigrate.engine.internal.schema.TableData;

/**
 * Cuts a large table into parts that copy in parallel: ranges of pages (ctid) where the source
 * scans TID ranges efficiently (PostgreSQL 14 and later), else ranges of an integer primary key.
 * A table with neither stays whole.
 */
public final class TableSplitter {
    /** PostgreSQL's default page size. */
    public static final long BLOCK_SIZE = 8192;

    private final long threshold;
    private final int parts;
    private final int sourceVersion;

    /**
     * @param threshold tables larger than this many bytes are split
     * @param parts how many parts a split table gets
     * @param sourceVersion server_version_num of the source
     */
    public TableSplitter(long threshold, int parts, int sourceVersion) {
        this.threshold = threshold;
        this.parts = Math.max(2, parts);
        this.sourceVersion = sourceVersion;
    }

    /** WHERE conditions covering every row once, or an empty list to copy the table whole. */
    public List<String> split(TableData table, Connection source) throws SQLException {
        if (table.estimatedBytes() <= threshold || (table.filter() != null && !table.filter().isEmpty())) {
            return List.of();
        }
        if (sourceVersion >= 140000) {
            return pageRanges(Math.max(1, table.estimatedBytes() / BLOCK_SIZE), parts);
        }
        return table.integerKey() == null ? List.of() : KeyRanges.split(source, table.qualifiedName(), table.integerKey(), parts);
    }

    /**
     * {@code parts} conditions on ctid covering every row of a table of about {@code pages} pages
     * once: the last is open-ended, so rows on pages beyond the estimate are in it.
     */
    public static List<String> pageRanges(long pages, int parts) {
        List<String> ranges = new ArrayList<>(parts);
        long lower = 0;
        for (int i = 1; i <= parts; i++) {
            long upper = pages * i / parts;
            String from = "ctid >= '(" + lower + ",0)'::pg_catalog.tid";
            ranges.add(i == parts ? from : from + " AND ctid < '(" + upper + ",0)'::pg_catalog.tid");
            lower = upper;
        }
        return ranges;
    }
}
