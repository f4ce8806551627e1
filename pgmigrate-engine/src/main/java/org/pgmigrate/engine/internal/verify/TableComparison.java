package org.pgmigrate.engine.internal.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.pgmigrate.TableVerification;
import org.pgmigrate.engine.internal.copy.KeyRanges;
import org.pgmigrate.engine.internal.copy.RowDigest;
import org.pgmigrate.engine.internal.copy.RowDigester;
import org.pgmigrate.engine.internal.copy.TableSplitter;
import org.pgmigrate.engine.internal.schema.SchemaSelection;
import org.pgmigrate.engine.internal.schema.TableData;
import org.pgmigrate.spi.copy.RowTransform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares one table on both sides by the {@link RowDigest} of its rows: the one the copy took of
 * what it read from the source when there is one, else a read of the source; then a read of the
 * target, which hashes the rows in place where the copy's digest is in {@link
 * RowDigest.Form#SERVER_HASH} (see {@link org.pgmigrate.engine.internal.copy.PgRowHash}). When
 * both sides are read, a large table is read in ranges of pages, on servers that scan those
 * efficiently, so its reads spread over the workers; its digest is their sum. Beside a
 * copy the target is read in one scan: other work fills the workers, and page ranges cost the
 * target more CPU (on PostgreSQL 15, 5 million rows: 2.8 to 3.0 CPU-seconds in one scan, 3.5 to
 * 3.7 in 12 ranges, up to 6.7 when ranges are the first read after the load). A table whose
 * digests differ and that has an integer key is read again in key ranges on both sides, to say
 * where.
 */
final class TableComparison {
    private static final Logger LOG = LoggerFactory.getLogger(TableComparison.class);

    /** Ranges of key a difference is located to. */
    static final int PARTS = 16;
    /** A table is read in parts of about this size at most (unless asked for smaller ones)... */
    static final long PART_BYTES = 64L * 1024 * 1024;
    /** ...and in at most this many. */
    static final int MAX_PARTS = 16;

    /** One read of a side's rows: on the source or the target, matching a condition (null for all). */
    record Read(boolean onSource, String part) {}

    private final TableData table;
    private final RowDigest.Form form;
    private final RowTransform transform;
    private final long partBytes;
    private final List<Read> reads = new ArrayList<>();
    private RowDigest source;
    private RowDigest target;
    private int remaining;

    /**
     * @param copied the digest of the rows the copy read from the source, or null to read the source
     * @param form how to read both sides when there is no such digest
     * @param transform what the copy passed the source's rows through, changing them on purpose, or null
     * @param sourceVersion server_version_num of the source, to know whether it scans page ranges
     * @param targetVersion the same of the target
     * @param partBytes the size of the parts a table is read in
     */
    TableComparison(TableData table, RowDigest copied, RowDigest.Form form, RowTransform transform, int sourceVersion, int targetVersion,
                    long partBytes) {
        this.table = table;
        this.transform = transform;
        this.partBytes = partBytes;
        this.form = copied != null ? copied.form() : form;
        this.source = copied != null ? copied : RowDigest.empty(this.form);
        this.target = RowDigest.empty(this.form);
        if (!SchemaSelection.copiesRows(table)) {
            reads.add(new Read(false, null));
        } else {
            if (copied == null) {
                parts(sourceVersion).forEach(p -> reads.add(new Read(true, p)));
                parts(targetVersion).forEach(p -> reads.add(new Read(false, p)));
            } else {
                reads.add(new Read(false, null));
            }
        }
        this.remaining = reads.size();
    }

    /** The reads to run, each on a worker of its own. */
    List<Read> reads() {
        return List.copyOf(reads);
    }

    /**
     * Runs one of the {@link #reads()}; the one that finishes last compares.
     *
     * @return the table's verification once every read is done, else null
     */
    TableVerification read(Read read, Connection sourceConnection, Connection targetConnection) throws SQLException {
        if (!SchemaSelection.copiesRows(table)) {
            // the filter kept the table but not its rows: the target must hold none
            long targetRows = RowDigester.read(targetConnection, table.withFilter(null), null, form).rows();
            return result(0, targetRows, 1, targetRows == 0 ? List.of() : List.of("all rows"));
        }
        RowDigest digest;
        try {
            digest = read.onSource() ? RowDigester.read(sourceConnection, table, read.part(), form, transform)
                    : RowDigester.read(targetConnection, table, read.part(), form);
        } catch (SQLException e) {
            if (!form.serverHash()) {
                throw e;
            }
            return againInCopyForm(sourceConnection, targetConnection, e);
        }
        synchronized (this) {
            if (read.onSource()) {
                source = source.plus(digest);
            } else {
                target = target.plus(digest);
            }
            if (--remaining > 0) {
                return null;
            }
        }
        return compare(sourceConnection, targetConnection);
    }

    /**
     * The target could not hash the rows in place (a send function it names otherwise, say): the
     * copy's digest is of no use then, and both sides are read in COPY form (one read each).
     */
    private TableVerification againInCopyForm(Connection sourceConnection, Connection targetConnection, SQLException cause)
            throws SQLException {
        LOG.warn("The target could not hash the rows of {} ({}): reading them on both sides", table.qualifiedName(), cause.getMessage());
        RowDigest.Form copyForm = form.copyRows();
        source = RowDigester.read(sourceConnection, table, null, copyForm, transform);
        target = RowDigester.read(targetConnection, table, null, copyForm);
        return compare(sourceConnection, targetConnection);
    }

    private TableVerification compare(Connection sourceConnection, Connection targetConnection) throws SQLException {
        if (source.sameRows(target)) {
            return result(source.rows(), target.rows(), 1, List.of());
        }
        if (table.integerKey() == null) {
            return result(source.rows(), target.rows(), 1, List.of("all rows"));
        }
        List<String> ranges = KeyRanges.split(sourceConnection, table.qualifiedName(), table.integerKey(), PARTS);
        if (ranges.isEmpty()) {
            ranges = List.of(table.integerKey() + " IS NOT NULL");
        }
        // the source has no way to hash rows in place: both sides are read
        RowDigest.Form copyForm = form.copyRows();
        List<String> differing = new ArrayList<>();
        for (String range : ranges) {
            if (!RowDigester.read(sourceConnection, table, range, copyForm, transform)
                    .sameRows(RowDigester.read(targetConnection, table, range, copyForm))) {
                differing.add(range);
            }
        }
        if (differing.isEmpty()) {
            // the ranges hold the same rows, so the difference is in rows outside them
            differing.add("rows outside the key ranges");
        }
        return result(source.rows(), target.rows(), ranges.size(), differing);
    }

    /** Ranges of pages on servers that scan them (14 and later) for a large table without filter, else the whole table. */
    private List<String> parts(int serverVersion) {
        int count = (int) Math.min(MAX_PARTS, table.estimatedBytes() / partBytes);
        if (count < 2 || serverVersion < 140000 || (table.filter() != null && !table.filter().isEmpty())) {
            return Collections.singletonList(null);
        }
        return TableSplitter.pageRanges(Math.max(1, table.estimatedBytes() / TableSplitter.BLOCK_SIZE), count);
    }

    private TableVerification result(long sourceRows, long targetRows, int parts, List<String> differing) {
        return TableVerification.builder().schema(table.schema()).name(table.name())
                .sourceRows(sourceRows).targetRows(targetRows).parts(parts)
                .differingRanges(differing).equal(differing.isEmpty()).build();
    }
}
