package org.pgmigrate.engine.internal.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.SqlNames;
import org.pgmigrate.TableVerification;
import org.pgmigrate.TimelineEntry;
import org.pgmigrate.VerificationDifference;
import org.pgmigrate.VerificationDifference.Kind;
import org.pgmigrate.VerificationReport;
import org.pgmigrate.engine.internal.copy.PgRowHash;
import org.pgmigrate.engine.internal.copy.RowDigest;
import org.pgmigrate.engine.internal.copy.TableCopier;
import org.pgmigrate.engine.internal.copy.TableSplitter;
import org.pgmigrate.engine.internal.copy.Workers;
import org.pgmigrate.engine.internal.run.Timeline;
import org.pgmigrate.engine.internal.schema.SequenceStates;
import org.pgmigrate.engine.internal.schema.SequenceValue;
import org.pgmigrate.engine.internal.schema.SourceSchema;
import org.pgmigrate.engine.internal.schema.TableData;
import org.pgmigrate.spi.copy.RowTransform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares a target with the source it was copied from. Tables are compared in parallel on the
 * workers, whose source sessions read under the migration's snapshot, each by the digest of its
 * rows (see {@link TableComparison}); sequences, large objects and the schema on the coordinating
 * connections. A migration starts comparing a table as soon as its rows are copied (see
 * {@link #tableCopied}), while others still copy and its indexes build; {@link #verify} compares
 * the rest and reports.
 */
public final class Verifier {
    private static final Logger LOG = LoggerFactory.getLogger(Verifier.class);

    /**
     * A table of one page at most is read with COPY rather than hashed in place: planning the query
     * costs the target more than sending its few rows (PostgreSQL 15, tables of 100 rows: 270 to
     * 340 microseconds of the backend's CPU a table in place, 76 to 108 for a binary COPY).
     */
    static final long HASHED_IN_PLACE_ABOVE = TableSplitter.BLOCK_SIZE;

    private final MigrationListener listener;
    private final Clock clock;
    private final long partBytes;
    private final int sourceVersion;
    private final int targetVersion;
    private final boolean rawBytes;
    /** The target hashes rows as {@link PgRowHash} does: copies digest in that form, and the target is hashed in place. */
    private final boolean serverHashes;
    private final Timeline timeline;
    /** The tables whose comparison has started, by OID. */
    private final Map<Long, TableComparison> started = new ConcurrentHashMap<>();
    private final Map<Long, RunningReads> running = new ConcurrentHashMap<>();
    private final Map<Long, Transformed> transformed = new ConcurrentHashMap<>();
    private final List<TableVerification> checked = Collections.synchronizedList(new ArrayList<>());
    /** Where the time goes, for the log: the tables' reads summed over the workers. */
    private final AtomicLong tablesNanos = new AtomicLong();

    /**
     * @param splitTablesLargerThan the copy's split size: tables larger than it, or than 64 MiB, are read in parts
     * @param sourceVersion server_version_num of the source
     * @param targetVersion the same of the target
     * @param rawBytes both databases are SQL_ASCII, whose rows are read as the bytes they are
     * @param serverHashes the target hashes rows as {@link PgRowHash} does (see {@link PgRowHash#agrees})
     * @param timeline where each read of a table is recorded
     */
    public Verifier(MigrationListener listener, Clock clock, long splitTablesLargerThan, int sourceVersion, int targetVersion,
                    boolean rawBytes, boolean serverHashes, Timeline timeline) {
        this.listener = listener;
        this.clock = clock;
        this.partBytes = Math.min(TableComparison.PART_BYTES, splitTablesLargerThan);
        this.sourceVersion = sourceVersion;
        this.targetVersion = targetVersion;
        this.rawBytes = rawBytes;
        this.serverHashes = serverHashes;
        this.timeline = timeline;
    }

    /**
     * Starts comparing {@code table} on the workers, behind the copies and index builds queued: the
     * copy has moved its rows (its indexes may still be building) and digested its source rows as
     * {@code copied}. A change someone else makes to its rows after this is not seen.
     */
    public void tableCopied(TableData table, RowDigest copied, Workers workers) {
        start(table, copied, workers);
    }

    /**
     * The form a copy of {@code table} digests its rows in, read in binary or text and passed
     * through {@code transform} (null for none): where the target can hash the rows as the copy
     * does and the table has more than a page, its read is a query whose rows never leave the
     * server (on the benchmark, less of the target's CPU than sending them, and none of the
     * JVM's); else the rows' whole COPY form, which the target is read in. A transformation that
     * keeps values (trimming padding the target restores) is digested before it, as the source
     * sent the rows.
     */
    public RowDigest.Form copyForm(TableData table, boolean binary, RowTransform transform) {
        boolean asSent = transform == null || transform.keepsValues();
        if (serverHashes && binary && !rawBytes && asSent && table.estimatedBytes() > HASHED_IN_PLACE_ABOVE && PgRowHash.applies(table)) {
            return RowDigest.Form.SERVER_HASH;
        }
        return copyRows(binary);
    }

    /** The form of whole COPY rows read in binary or text from these two servers. */
    private RowDigest.Form copyRows(boolean binary) {
        return RowDigest.Form.of(binary, sourceVersion / 10000 != targetVersion / 10000, rawBytes);
    }

    /**
     * The copy sends the table's rows through {@code transform}, which changes them on purpose, in
     * the binary format or the text one: the target is compared with the source's rows as it
     * passes them on, read in that format.
     */
    public void rowsTransformed(long table, RowTransform transform, boolean binary) {
        transformed.put(table, new Transformed(transform, binary));
    }

    /** A transformation rows pass through, and the format it reads. */
    private record Transformed(RowTransform transform, boolean binary) {}

    private void start(TableData table, RowDigest copied, Workers workers) {
        if (started.containsKey(table.oid())) {
            return;
        }
        int sourceMajor = sourceVersion / 10000;
        int targetMajor = targetVersion / 10000;
        Transformed through = transformed.get(table.oid());
        boolean binary = through != null ? through.binary() : TableCopier.binaryByDefault(table, sourceMajor, targetMajor);
        TableComparison comparison = new TableComparison(table, copied, copyRows(binary),
                through == null ? null : through.transform(), sourceVersion, targetVersion, partBytes);
        if (started.putIfAbsent(table.oid(), comparison) != null) {
            return;
        }
        List<TableComparison.Read> reads = comparison.reads();
        long readBytes = table.estimatedBytes() / reads.size();
        RunningReads ofTable = running.computeIfAbsent(table.oid(), oid -> new RunningReads());
        for (TableComparison.Read read : reads) {
            // behind copies and index builds, so that a read queued then leaves a build the other
            // jobs' cores (see Workers#spare); the largest first, or it may be left to run alone
            workers.submit(Workers.Priority.LOW, readBytes, session -> {
                ofTable.started();
                Workers.Job after;
                try {
                    read(table, comparison, read, session);
                } finally {
                    // a read that failed drops what waited for it: the run fails with the read's error
                    after = ofTable.ended();
                }
                if (after != null) {
                    after.run(session);
                }
            });
        }
    }

    private void read(TableData table, TableComparison comparison, TableComparison.Read read, Workers.Session session) {
        TableVerification v;
        long t = System.nanoTime();
        Instant start = timeline.now();
        try {
            v = comparison.read(read, session.source(), session.target());
            tablesNanos.addAndGet(System.nanoTime() - t);
            timeline.add(TimelineEntry.Kind.VERIFY, SqlNames.qualified(table.schema(), table.name()), read.part() == null ? "" : read.part(),
                    session.lane(), start, v == null ? 0 : v.targetRows(), 0);
        } catch (SQLException e) {
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Verifying table " + table.qualifiedName()
                    + " failed: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
        if (v != null) {
            checked.add(v);
            listener.tableVerified(v);
        }
    }

    /**
     * Leaves {@code job} to the reads of {@code table} that run now: the last to end runs it on its
     * worker. False, for the caller to run it at once, where none of them runs (a read still
     * queued then waits for the job's locks instead, and holds no worker meanwhile).
     */
    public boolean afterRunningReads(TableData table, Workers.Job job) {
        RunningReads reads = running.get(table.oid());
        return reads != null && reads.handOver(job);
    }

    /**
     * @param source what was read from the source (inside the snapshot), after the filter
     * @param sourceConnection a source connection inside the snapshot
     * @param targetConnection a target connection
     * @param copiedRows the digests of the rows a copy read from the source in this snapshot, by
     *     table OID: those tables' source side is not read again
     * @param sourceCatalogs the source's catalogs, read earlier in this snapshot; null to read them here
     */
    public VerificationReport verify(SourceSchema source, Workers workers, Connection sourceConnection, Connection targetConnection,
                                     Map<Long, RowDigest> copiedRows, SourceCatalogRead sourceCatalogs) throws Exception {
        Instant start = clock.instant();
        int earlier = started.size();
        // the source's catalogs in one transaction on one worker, unless read earlier; the target's,
        // which nothing changes now, on every worker at once, each taking the next catalog left
        CatalogFacts[] sourceFacts = new CatalogFacts[1];
        AtomicLong sourceNanos = new AtomicLong();
        if (sourceCatalogs == null) {
            workers.submit(session -> {
                long t = System.nanoTime();
                Instant started = timeline.now();
                sourceFacts[0] = readFacts(session.source(), "source");
                sourceNanos.set(System.nanoTime() - t);
                timeline.add(TimelineEntry.Kind.VERIFY, "", "source catalogs", session.lane(), started, 0, 0);
            });
        }
        CatalogFacts.Reading target;
        try {
            target = CatalogFacts.Reading.plan(targetConnection);
        } catch (SQLException e) {
            throw factsFailed("target", e);
        }
        AtomicLong targetNanos = new AtomicLong();
        for (int i = 0; i < workers.threads(); i++) {
            workers.submit(session -> {
                long t = System.nanoTime();
                Instant started = timeline.now();
                int read;
                try {
                    read = target.readAll(session.target());
                } catch (SQLException e) {
                    throw factsFailed("target", e);
                }
                targetNanos.addAndGet(System.nanoTime() - t);
                if (read > 0) {
                    timeline.add(TimelineEntry.Kind.VERIFY, "", "target catalogs", session.lane(), started, 0, 0);
                }
            });
        }
        List<TableData> ordered = new ArrayList<>(source.tables());
        ordered.sort(Comparator.comparingLong(TableData::estimatedBytes).reversed());
        for (TableData table : ordered) {
            start(table, copiedRows.get(table.oid()), workers);
        }
        workers.awaitIdle();
        List<VerificationDifference> differences = new ArrayList<>();
        List<TableVerification> sorted = new ArrayList<>(checked);
        sorted.sort(Comparator.comparing(TableVerification::qualifiedName));
        for (TableVerification v : sorted) {
            if (!v.equal()) {
                differences.add(VerificationDifference.of(Kind.TABLE_DATA, v.qualifiedName(), tableDetail(v)));
            }
        }
        differences.addAll(sequences(source, targetConnection));
        differences.addAll(largeObjects(sourceConnection, targetConnection));
        List<String> notes = new ArrayList<>();
        CatalogFacts expected;
        if (sourceCatalogs == null) {
            expected = sourceFacts[0];
        } else {
            expected = sourceCatalogs.facts();
            sourceNanos.set(sourceCatalogs.nanos());
        }
        differences.addAll(schema(source, expected, target.facts(), notes));
        VerificationReport report = VerificationReport.builder().tables(sorted).differences(differences).notes(notes)
                .duration(Duration.between(start, clock.instant())).build();
        long sourceRead = source.tables().stream().filter(t -> !copiedRows.containsKey(t.oid())).count();
        long inPlace = copiedRows.values().stream().filter(d -> d.form().serverHash()).count();
        LOG.info("Verification took {} ms: the catalogs {} ms (source{}) and {} ms of worker time (target), {} tables' rows {} ms of worker time"
                        + " ({} of them started as they were finished, {} read on the source too, {} hashed in place on the target)",
                report.duration().toMillis(), sourceNanos.get() / 1_000_000, sourceCatalogs == null ? "" : ", read earlier",
                targetNanos.get() / 1_000_000, sorted.size(), tablesNanos.get() / 1_000_000,
                earlier, sourceRead, inPlace);
        listener.verificationFinished(report);
        return report;
    }

    private static CatalogFacts readFacts(Connection connection, String side) {
        try {
            return CatalogFacts.read(connection);
        } catch (SQLException e) {
            throw factsFailed(side, e);
        }
    }

    static PgMigrateException factsFailed(String side, SQLException e) {
        return new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Reading the catalogs of the " + side + " for verification failed: "
                + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
    }

    /** Compares what the catalogs of both sides say, by name, independently of how the engine wrote it. */
    private static List<VerificationDifference> schema(SourceSchema source, CatalogFacts expected, CatalogFacts actual, List<String> notes) {
        List<String> uncompared = new ArrayList<>(expected.uncompared());
        actual.uncompared().stream().filter(u -> !uncompared.contains(u)).forEach(uncompared::add);
        if (!uncompared.isEmpty()) {
            notes.add("Not compared: " + String.join(", ", uncompared) + ".");
        }
        return new FactComparison(new FactComparison.Scope() {
            @Override
            public boolean excludes(Fact fact) {
                return source.excludes(fact.anchor(), fact.schema()) || (fact.own() != null && source.excludes(fact.own(), null))
                        || leftOutLabel(source, fact)
                        || (source.systemPrivilegesLeftOut() && fact.anchor() == null && SYSTEM_PRIVILEGES.matcher(fact.key()).lookingAt());
            }

            @Override
            public String role(String sourceRole) {
                return source.roles() == null ? sourceRole : source.roles().mapped(sourceRole);
            }

            @Override
            public String tablespace(String sourceTablespace) {
                return source.tablespaces().target(sourceTablespace);
            }
        }).compare(expected, actual);
    }

    /** The facts of changed privileges (see FactCatalogs), which are about an extension's object or, without anchor, the system's. */
    private static final Pattern SYSTEM_PRIVILEGES = Pattern.compile("pg_\\w+ privileges: ");

    /** A security label of a provider the target has not loaded, which the migration left out with a warning. */
    private static boolean leftOutLabel(SourceSchema source, Fact fact) {
        return fact.key().startsWith("pg_seclabel: ") && source.missingLabelProviders().stream().anyMatch(p -> fact.key().endsWith(" / " + p));
    }

    private static String tableDetail(TableVerification v) {
        String counts = v.sourceRows() == v.targetRows()
                ? "same row count (" + v.sourceRows() + ") but different content"
                : v.sourceRows() + " rows on the source, " + v.targetRows() + " on the target";
        return counts + (v.parts() > 1 ? "; differing key ranges: " + String.join("; ", v.differingRanges()) : "");
    }

    private static List<VerificationDifference> sequences(SourceSchema source, Connection target) throws SQLException {
        List<SequenceValue> expected = source.sequences();
        List<SequenceStates.State> states;
        try {
            states = SequenceStates.read(target, expected.stream().map(SequenceValue::qualifiedName).toList());
        } catch (SQLException e) {
            return sequencesOneByOne(expected, target);
        }
        List<VerificationDifference> differences = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            compare(expected.get(i), states.get(i), differences);
        }
        return differences;
    }

    /** After a failed read of all at once: which sequences cannot be read, and how the others compare. */
    private static List<VerificationDifference> sequencesOneByOne(List<SequenceValue> expected, Connection target) {
        List<VerificationDifference> differences = new ArrayList<>();
        for (SequenceValue sequence : expected) {
            try {
                compare(sequence, SequenceStates.read(target, List.of(sequence.qualifiedName())).get(0), differences);
            } catch (SQLException e) {
                differences.add(VerificationDifference.of(Kind.SEQUENCE, sequence.displayName(), "cannot be read on the target: " + e.getMessage()));
            }
        }
        return differences;
    }

    private static void compare(SequenceValue expected, SequenceStates.State actual, List<VerificationDifference> differences) {
        if (actual.lastValue() != expected.lastValue() || actual.called() != expected.called()) {
            differences.add(VerificationDifference.of(Kind.SEQUENCE, expected.displayName(), "source at "
                    + describe(expected.lastValue(), expected.called()) + ", target at " + describe(actual.lastValue(), actual.called())));
        }
    }

    private static String describe(long value, boolean called) {
        return value + (called ? "" : " (not yet used)");
    }

    private static final String LARGE_OBJECT_DIGESTS = "SELECT oid, pg_catalog.md5(pg_catalog.lo_get(oid)) FROM pg_catalog.pg_largeobject_metadata";

    private static List<VerificationDifference> largeObjects(Connection source, Connection target) throws SQLException {
        Map<Long, String> expected = digests(source);
        Map<Long, String> actual = digests(target);
        List<VerificationDifference> differences = new ArrayList<>();
        expected.forEach((oid, digest) -> {
            if (!actual.containsKey(oid)) {
                differences.add(VerificationDifference.of(Kind.LARGE_OBJECT, "large object " + oid, "missing on the target"));
            } else if (!Objects.equals(digest, actual.get(oid))) {
                differences.add(VerificationDifference.of(Kind.LARGE_OBJECT, "large object " + oid, "content differs"));
            }
        });
        actual.keySet().stream().filter(oid -> !expected.containsKey(oid)).forEach(oid ->
                differences.add(VerificationDifference.of(Kind.LARGE_OBJECT, "large object " + oid, "exists on the target only")));
        return differences;
    }

    private static Map<Long, String> digests(Connection connection) throws SQLException {
        Map<Long, String> digests = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(LARGE_OBJECT_DIGESTS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                digests.put(rs.getLong(1), rs.getString(2));
            }
        }
        return digests;
    }
}
