package org.pgmigrate.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.pgmigrate.CopyFormat;
import org.pgmigrate.DataPlan;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.IndexResult;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.Phase;
import org.pgmigrate.SqlNames;
import org.pgmigrate.TableResult;
import org.pgmigrate.engine.internal.copy.TableCopier;
import org.pgmigrate.engine.internal.copy.TableSplitter;
import org.pgmigrate.engine.internal.copy.Throttle;
import org.pgmigrate.engine.internal.copy.Workers;
import org.pgmigrate.engine.internal.copy.Workers.Priority;
import org.pgmigrate.engine.internal.schema.Placement;
import org.pgmigrate.engine.internal.schema.SchemaObject;
import org.pgmigrate.engine.internal.schema.SourceSchema;
import org.pgmigrate.engine.internal.schema.TableData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Copies every table, largest first, over the workers; tables above the split size copy in
 * parallel parts. As soon as a table's rows are in, each
 * of its indexes becomes a job of its own that goes ahead of further copies, so a table's
 * indexes build in parallel with each other and with other tables' copies; once the last one is
 * built, its triggers, rules, policies and statistics follow.
 */
final class DataPhase {
    private static final Logger LOG = LoggerFactory.getLogger(DataPhase.class);

    private final MigrationListener listener;
    private final Clock clock;
    private final CopyFormat format;
    private final boolean sameMajor;
    private final List<TableResult> results;
    private final TableSplitter splitter;
    private final Throttle throttle;

    DataPhase(MigrationListener listener, Clock clock, CopyFormat format, boolean sameMajor, List<TableResult> results,
              TableSplitter splitter, Throttle throttle) {
        this.listener = listener;
        this.clock = clock;
        this.format = format;
        this.sameMajor = sameMajor;
        this.results = results;
        this.splitter = splitter;
        this.throttle = throttle;
    }

    /**
     * @param source a source connection inside the snapshot, to find how to split large tables
     */
    void run(Workers workers, SourceSchema schema, Connection source) throws Exception {
        Map<Long, List<SchemaObject>> postData = new HashMap<>();
        for (SchemaObject o : schema.objects(Placement.TABLE_POST_DATA)) {
            postData.computeIfAbsent(o.tableOid(), k -> new ArrayList<>()).add(o);
        }
        List<TableData> ordered = new ArrayList<>(schema.tables());
        ordered.sort(Comparator.comparingLong(TableData::estimatedBytes).reversed());
        listener.dataPlanned(DataPlan.of(ordered.size(), ordered.stream().mapToLong(t -> Math.max(0, t.estimatedRows())).sum(),
                ordered.stream().mapToLong(TableData::estimatedBytes).sum()));
        for (TableData table : ordered) {
            List<SchemaObject> objects = postData.getOrDefault(table.oid(), List.of());
            List<String> parts = splitter.split(table, source);
            if (parts.isEmpty()) {
                workers.submit(Priority.NORMAL, session -> copy(workers, session, table, objects));
            } else {
                LOG.debug("Copying {} in {} parts", table.qualifiedName(), parts.size());
                Parts split = new Parts(table, parts.size());
                for (String part : parts) {
                    workers.submit(Priority.NORMAL, session -> copyPart(workers, session, split, part, objects));
                }
            }
        }
        workers.awaitIdle();
    }

    /** A table copied in parts: the last part to finish starts its indexes. */
    private final class Parts {
        final TableData table;
        final String name;
        final AtomicInteger remaining;
        final AtomicLong rows = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicBoolean started = new AtomicBoolean();
        volatile Instant start;

        Parts(TableData table, int count) {
            this.table = table;
            this.name = SqlNames.qualified(table.schema(), table.name());
            this.remaining = new AtomicInteger(count);
        }
    }

    private void copyPart(Workers workers, Workers.Session session, Parts split, String part, List<SchemaObject> postData)
            throws SQLException {
        MDC.put("pgmigrate.phase", Phase.DATA.name());
        if (split.started.compareAndSet(false, true)) {
            split.start = clock.instant();
            listener.tableStarted(split.name);
        }
        Instant partStart = clock.instant();
        TableCopier.Copied copied = copyRows(split.table, session, options(split.table).forPart(part),
                new ProgressThrottle(clock, partStart, split.name, -1, listener));
        split.rows.addAndGet(copied.rows());
        split.bytes.addAndGet(copied.bytes());
        if (split.remaining.decrementAndGet() == 0) {
            loaded(workers, session, new Loaded(split.table, split.name, new TableCopier.Copied(split.rows.get(), split.bytes.get()),
                    split.start, clock.instant()), postData);
        }
    }

    private TableCopier.Copied copyRows(TableData table, Workers.Session session, TableCopier.Options options, ProgressThrottle progress) {
        try {
            return TableCopier.copy(table, session.source(), session.target(), options, progress::copied);
        } catch (SQLException e) {
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Copying table " + table.qualifiedName()
                    + (options.part() == null ? "" : " (part " + options.part() + ")") + " failed: "
                    + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    /** Binary where both sides are the same major and every column allows it, unless the user chose. */
    TableCopier.Options options(TableData table) {
        boolean binary = format == CopyFormat.BINARY || (format == CopyFormat.AUTO && sameMajor && table.binarySafe());
        // extension configuration tables already hold the rows the extension ships: never emptied
        boolean freeze = table.filter() == null;
        return new TableCopier.Options(binary, freeze, null, throttle);
    }

    private void copy(Workers workers, Workers.Session session, TableData table, List<SchemaObject> postData) {
        MDC.put("pgmigrate.phase", Phase.DATA.name());
        String name = SqlNames.qualified(table.schema(), table.name());
        listener.tableStarted(name);
        Instant start = clock.instant();
        ProgressThrottle progress = new ProgressThrottle(clock, start, name, table.estimatedRows(), listener);
        TableCopier.Copied copied = copyRows(table, session, options(table), progress);
        loaded(workers, session, new Loaded(table, name, copied, start, clock.instant()), postData);
    }

    /** The table's rows are in: its indexes go ahead of further copies. */
    private void loaded(Workers workers, Workers.Session session, Loaded loaded, List<SchemaObject> postData) {
        LOG.debug("Copied {}: {} rows, {} bytes", loaded.table.qualifiedName(), loaded.copied.rows(), loaded.copied.bytes());
        String name = loaded.name;
        List<SchemaObject> indexes = postData.stream().filter(DataPhase::isIndex).toList();
        List<SchemaObject> rest = postData.stream().filter(o -> !isIndex(o)).toList();
        if (indexes.isEmpty()) {
            finish(session, loaded, rest);
            return;
        }
        AtomicInteger remaining = new AtomicInteger(indexes.size());
        for (SchemaObject index : indexes) {
            workers.submit(Priority.HIGH, s -> {
                MDC.put("pgmigrate.phase", Phase.DATA.name());
                Instant built = clock.instant();
                StatementRunner.run(s.target(), index);
                listener.indexBuilt(IndexResult.of(name, index.name(), Duration.between(built, clock.instant())));
                if (remaining.decrementAndGet() == 0) {
                    finish(s, loaded, rest);
                }
            });
        }
    }

    private static boolean isIndex(SchemaObject o) {
        return o.kind().equals("index") || o.kind().equals("constraint");
    }

    /**
     * The table's objects that need all its indexes (triggers, rules, policies...), its planner
     * statistics (while other tables still copy, rather than all at the end), then its result.
     */
    private void finish(Workers.Session session, Loaded loaded, List<SchemaObject> rest) {
        for (SchemaObject o : rest) {
            StatementRunner.run(session.target(), o);
        }
        StatementRunner.run(session.target(), "Collecting statistics of " + loaded.table.qualifiedName(),
                "ANALYZE " + loaded.table.qualifiedName());
        TableResult result = TableResult.builder().schema(loaded.table.schema()).name(loaded.table.name())
                .rows(loaded.copied.rows()).bytes(loaded.copied.bytes())
                .copyDuration(Duration.between(loaded.start, loaded.copiedAt))
                .indexDuration(Duration.between(loaded.copiedAt, clock.instant()))
                .build();
        results.add(result);
        listener.tableFinished(result);
    }

    /** A table whose rows are in. */
    private record Loaded(TableData table, String name, TableCopier.Copied copied, Instant start, Instant copiedAt) {}
}
