package org.pgmigrate.engine.internal.data;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.pgmigrate.DataPlan;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.IndexResult;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.Phase;
import org.pgmigrate.SqlNames;
import org.pgmigrate.TableProgress;
import org.pgmigrate.TableResult;
import org.pgmigrate.TimelineEntry;
import org.pgmigrate.TimelineEntry.Kind;
import org.pgmigrate.engine.internal.OnlineHooks;
import org.pgmigrate.engine.internal.StatementRunner;
import org.pgmigrate.engine.internal.copy.CopiedRows;
import org.pgmigrate.engine.internal.copy.CopyPlans;
import org.pgmigrate.engine.internal.copy.RowDigest;
import org.pgmigrate.engine.internal.copy.TableCopier;
import org.pgmigrate.engine.internal.copy.Throttle;
import org.pgmigrate.engine.internal.copy.Workers;
import org.pgmigrate.engine.internal.copy.Workers.Priority;
import org.pgmigrate.engine.internal.journal.Journal;
import org.pgmigrate.engine.internal.journal.TaskKeys;
import org.pgmigrate.engine.internal.journal.TaskRunner;
import org.pgmigrate.engine.internal.run.Timeline;
import org.pgmigrate.engine.internal.schema.Placement;
import org.pgmigrate.engine.internal.schema.SchemaObject;
import org.pgmigrate.engine.internal.schema.SourceSchema;
import org.pgmigrate.engine.internal.schema.TableData;
import org.pgmigrate.engine.internal.verify.Verifier;
import org.pgmigrate.spi.copy.CopyPlan;
import org.pgmigrate.spi.copy.RowTransform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Copies every table, largest first, over the workers, as its {@link CopyPlans plan} says (the
 * user's copy strategies or the built-in one): a table in parts copies them in parallel. As soon
 * as a table's rows are in, each
 * of its indexes becomes a job of its own that goes ahead of further copies, so a table's
 * indexes build in parallel with each other and with other tables' copies; once the last one is
 * built, its triggers, rules, policies and statistics follow.
 *
 * <p>Each copy (of a table or a part), index and table's rest is a journaled task: one target
 * transaction with its journal record, retried on new connections after a transient failure, and
 * skipped when a resumed run finds it done. Small tables go last, fifty at a time, each batch with
 * all its tables' tasks in one transaction.
 */
public final class DataPhase {
    private static final Logger LOG = LoggerFactory.getLogger(DataPhase.class);

    private final MigrationListener listener;
    private final Clock clock;
    private final CopyPlans plans;
    private final List<TableResult> results;
    private final Throttle throttle;
    private final boolean rawBytes;
    private final TaskRunner tasks;
    private final Timeline timeline;
    private final IndexSteps indexSteps;
    private final CopiedRows copiedRows = new CopiedRows();
    private final Map<Long, CopyPlans.TablePlan> planned = new ConcurrentHashMap<>();
    private Verifier verifier;
    /** A resumed online copy's: recorded with each table's rows, and a table only partly copied before starts over. */
    private OnlineHooks.RowsCopied rowsCopied;

    public DataPhase(MigrationListener listener, Clock clock, CopyPlans plans, List<TableResult> results,
                     Throttle throttle, boolean rawBytes, TaskRunner tasks, TaskKeys keys, Timeline timeline) {
        this.listener = listener;
        this.clock = clock;
        this.plans = plans;
        this.results = results;
        this.throttle = throttle;
        this.rawBytes = rawBytes;
        this.tasks = tasks;
        this.timeline = timeline;
        this.indexSteps = new IndexSteps(listener, clock, tasks, keys, timeline);
    }

    /** Copies as a resumed online migration does, with {@code rowsCopied} recorded in each copy's transaction. */
    public DataPhase resumingOnline(OnlineHooks.RowsCopied rowsCopied) {
        this.rowsCopied = rowsCopied;
        return this;
    }

    /**
     * @param source a source connection inside the snapshot, to find how to split large tables
     * @param verifier compares each table as soon as it is finished, or null
     */
    public void run(Workers workers, SourceSchema schema, Connection source, Verifier verifier) throws Exception {
        this.verifier = verifier;
        Map<Long, List<SchemaObject>> postData = new HashMap<>();
        for (SchemaObject o : schema.objects(Placement.TABLE_POST_DATA)) {
            postData.computeIfAbsent(o.tableOid(), k -> new ArrayList<>()).add(o);
        }
        List<TableData> ordered = new ArrayList<>(schema.tables());
        ordered.sort(Comparator.comparingLong(TableData::estimatedBytes).reversed());
        listener.dataPlanned(DataPlan.of(ordered.size(), ordered.stream().mapToLong(t -> Math.max(0, t.estimatedRows())).sum(),
                ordered.stream().mapToLong(TableData::estimatedBytes).sum()));
        Journal journal = tasks.journal();
        SmallTables small = new SmallTables();
        // copies go largest first, a part counting for its own size: parts of a table much larger
        // than the rest then fill the gaps between other tables' copies and index builds
        List<SizedJob> copies = new ArrayList<>();
        for (TableData table : ordered) {
            List<SchemaObject> objects = postData.getOrDefault(table.oid(), List.of());
            Optional<Journal.Outcome> copied = journal.done(TaskKeys.rows(table));
            copiedRows.plan(table.oid(), List.of(TaskKeys.rows(table)));
            // planned also when an earlier run copied it: the verifier must know a transformation
            List<String> parts = plan(table, source).parts();
            if (copied.isEmpty() && parts.isEmpty() && small.takes(table)) {
                continue;
            }
            if (copied.isPresent()) {
                copies.add(new SizedJob(table.estimatedBytes(), session -> {
                    Instant now = clock.instant();
                    loaded(workers, session, new Loaded(table, name(table), copied.get(), now, now), objects);
                }));
                continue;
            }
            if (parts.isEmpty()) {
                copies.add(new SizedJob(table.estimatedBytes(), session -> copy(workers, session, table, objects)));
                continue;
            }
            LOG.debug("Copying {} in {} parts", table.qualifiedName(), parts.size());
            Parts split = new Parts(table, parts.size());
            Set<String> partKeys = parts.stream().map(p -> TaskKeys.part(table, p)).collect(Collectors.toSet());
            copiedRows.plan(table.oid(), partKeys);
            Set<String> doneParts = journal.doneWithPrefix(TaskKeys.partPrefix(table)).keySet();
            // a resumed online copy reads under a snapshot of its own: a table is all of one snapshot or another
            boolean mixed = rowsCopied != null && !doneParts.isEmpty() && !doneParts.equals(partKeys);
            if (partKeys.containsAll(doneParts) && !mixed) {
                long partBytes = table.estimatedBytes() / parts.size();
                parts.forEach(part -> copies.add(new SizedJob(partBytes, session -> copyPart(workers, session, split, part, objects))));
            } else {
                // an earlier run cut the table into other parts, or read them under another snapshot: start it over
                copies.add(new SizedJob(table.estimatedBytes(), session -> {
                    emptyTable(session, table);
                    parts.forEach(part -> workers.submit(Priority.NORMAL, s -> copyPart(workers, s, split, part, objects)));
                }));
            }
        }
        copies.sort(Comparator.comparingLong(SizedJob::bytes).reversed());
        copies.forEach(c -> workers.submit(Priority.NORMAL, c.job()));
        for (List<TableData> batch : small.batches()) {
            workers.submit(Priority.NORMAL, session -> copyTogether(workers, session, batch, postData));
        }
        workers.awaitIdle();
    }

    /**
     * Copies {@code tables} with their indexes, other objects and statistics in one transaction,
     * recording each of their tasks done in it, as the table-by-table path would have: first the
     * rows of each, then what follows them for all (their statements sent together, one round
     * trip rather than four or five a table).
     */
    private void copyTogether(Workers workers, Workers.Session session, List<TableData> tables, Map<Long, List<SchemaObject>> postData)
            throws Exception {
        MDC.put("pgmigrate.phase", Phase.DATA.name());
        List<String> together = new ArrayList<>();
        for (TableData table : tables) {
            together.add(TaskKeys.rows(table));
            for (SchemaObject index : IndexSteps.indexes(postData.getOrDefault(table.oid(), List.of()))) {
                together.addAll(indexSteps.steps(index).keySet());
            }
            together.add(TaskKeys.tableFinished(table));
        }
        tables.forEach(t -> listener.tableStarted(name(t)));
        // In a first run this run created them, and a batch that fails leaves no rows: emptying
        // each one (TRUNCATE, which COPY FREEZE needs) would cost a new file per relation, about a
        // millisecond per table, to freeze a page or two. A resumed run empties them, as an
        // earlier run may have copied some in other ways.
        boolean empty = tasks.journal().earlierRun().isEmpty();
        // reported once the transaction has committed
        List<Batched> finished = new ArrayList<>();
        List<TimelineEntry> entries = new ArrayList<>();
        tasks.runTogether(session, together, s -> {
            finished.clear();
            entries.clear();
            Map<String, Journal.Outcome> done = new HashMap<>();
            List<Loaded> loaded = new ArrayList<>();
            for (TableData table : tables) {
                Instant start = clock.instant();
                ProgressThrottle progress = new ProgressThrottle(clock, start, name(table), table.estimatedRows(), listener);
                Journal.Outcome copied = copyRows(TaskKeys.rows(table), table, s, empty ? options(table).unfrozen() : options(table), progress);
                done.put(TaskKeys.rows(table), copied);
                Instant copiedAt = clock.instant();
                entries.add(Timeline.entry(Kind.COPY, name(table), "", s.lane(), start, copiedAt, copied.rows(), copied.bytes()));
                loaded.add(new Loaded(table, name(table), copied, start, copiedAt));
            }
            // then every table's indexes, other objects and statistics, in one round trip
            StatementRunner.Together after = new StatementRunner.Together();
            List<List<SchemaObject>> indexesOf = new ArrayList<>();
            for (TableData table : tables) {
                List<SchemaObject> objects = postData.getOrDefault(table.oid(), List.of());
                List<SchemaObject> indexObjects = IndexSteps.indexes(objects);
                indexesOf.add(indexObjects);
                for (SchemaObject index : indexObjects) {
                    for (Map.Entry<String, SchemaObject> step : indexSteps.steps(index).entrySet()) {
                        after.add(step.getValue());
                        done.put(step.getKey(), Journal.Outcome.NONE);
                    }
                }
                finishing(after, table, IndexSteps.rest(objects));
                done.put(TaskKeys.tableFinished(table), Journal.Outcome.NONE);
            }
            Instant built = clock.instant();
            after.run(s.target());
            // each table is given an equal share of that time, and each of its indexes an equal share of the table's
            Duration share = Duration.between(built, clock.instant()).dividedBy(tables.size());
            for (int i = 0; i < tables.size(); i++) {
                Loaded table = loaded.get(i);
                List<SchemaObject> indexObjects = indexesOf.get(i);
                Instant at = built.plus(share.multipliedBy(i));
                List<IndexResult> indexes = new ArrayList<>();
                for (SchemaObject index : indexObjects) {
                    Duration each = share.dividedBy(indexObjects.size());
                    indexes.add(IndexResult.of(table.name(), index.name(), each));
                    entries.add(Timeline.entry(Kind.INDEX, table.name(), index.name(), s.lane(), at, at.plus(each), 0, 0));
                    at = at.plus(each);
                }
                finished.add(new Batched(table.table(), table.copied(), Duration.between(table.start(), table.copiedAt()), indexes, share));
            }
            return done;
        });
        entries.forEach(timeline::add);
        for (Batched b : finished) {
            copied(b.table(), b.copied(), b.copying());
            b.indexes().forEach(listener::indexBuilt);
            result(b.table(), b.copied(), b.copying(), b.indexing());
            verifyEarly(workers, b.table());
        }
    }

    /** A table of a batch: what its copy moved and how long its copy, index builds and rest took. */
    private record Batched(TableData table, Journal.Outcome copied, Duration copying, List<IndexResult> indexes, Duration indexing) {}

    private static String name(TableData table) {
        return SqlNames.qualified(table.schema(), table.name());
    }

    /** Empties {@code table} and forgets the parts copied into it, in one transaction. */
    private void emptyTable(Workers.Session session, TableData table) throws SQLException {
        LOG.info("{} was copied in other parts by the earlier run: emptying it to copy it again", table.qualifiedName());
        Connection target = session.target();
        target.setAutoCommit(false);
        try (Statement s = target.createStatement()) {
            s.execute("TRUNCATE ONLY " + table.qualifiedName());
            tasks.journal().forget(target, TaskKeys.partPrefix(table));
            target.commit();
        } catch (SQLException e) {
            target.rollback();
            throw e;
        } finally {
            target.setAutoCommit(true);
        }
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
            this.name = name(table);
            this.remaining = new AtomicInteger(count);
        }
    }

    private void copyPart(Workers workers, Workers.Session session, Parts split, String part, List<SchemaObject> postData)
            throws Exception {
        MDC.put("pgmigrate.phase", Phase.DATA.name());
        if (split.started.compareAndSet(false, true)) {
            split.start = clock.instant();
            listener.tableStarted(split.name);
        }
        String task = TaskKeys.part(split.table, part);
        Instant start = clock.instant();
        Journal.Outcome copied = tasks.run(session, task, s -> copyRows(task, split.table, s,
                options(split.table).forPart(part), new ProgressThrottle(clock, clock.instant(), split.name, -1, listener)));
        timeline.add(Kind.COPY, split.name, part, session.lane(), start, copied.rows(), copied.bytes());
        split.rows.addAndGet(copied.rows());
        split.bytes.addAndGet(copied.bytes());
        if (split.remaining.decrementAndGet() == 0) {
            loaded(workers, session, new Loaded(split.table, split.name, new Journal.Outcome(split.rows.get(), split.bytes.get()),
                    split.start, clock.instant()), postData);
        }
    }

    /** Copies rows for {@code task}, keeping the digest of what it read (a retry replaces it). */
    private Journal.Outcome copyRows(String task, TableData table, Workers.Session session, TableCopier.Options options,
                                     ProgressThrottle progress) {
        try {
            TableCopier.Copied copied = TableCopier.copy(table, session.source(), session.target(), options, progress::copied);
            if (rowsCopied != null) {
                rowsCopied.copied(session.target(), table);
            }
            if (copied.digest() != null) {
                copiedRows.copied(task, copied.digest());
            }
            return new Journal.Outcome(copied.rows(), copied.bytes());
        } catch (SQLException e) {
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, copying(table, options) + " failed: "
                    + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
        } catch (PgMigrateException e) {
            throw e;
        } catch (RuntimeException e) {
            // from a copy strategy's transformation
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, copying(table, options) + " failed: " + e, e);
        }
    }

    private static String copying(TableData table, TableCopier.Options options) {
        return "Copying table " + table.qualifiedName() + (options.part() == null ? "" : " (part " + options.part() + ")");
    }

    /**
     * Asks the copy strategies how {@code table} is copied, and tells the verifier when the rows
     * the target gets are not the source's.
     */
    CopyPlan plan(TableData table, Connection source) throws SQLException {
        CopyPlans.TablePlan plan = plans.plan(table, source);
        planned.put(table.oid(), plan);
        RowTransform transform = plan.plan().transform().orElse(null);
        if (verifier != null && transform != null && !transform.keepsValues()) {
            verifier.rowsTransformed(table.oid(), transform, plan.plan().isBinary());
        }
        return plan.plan();
    }

    /** How a table {@link #plan planned} is copied. */
    TableCopier.Options options(TableData table) {
        CopyPlans.TablePlan plan = planned.get(table.oid());
        // extension configuration tables already hold the rows the extension ships: never emptied
        boolean freeze = table.filter() == null;
        // rows are digested only for a verifier to compare (not online, nor with verification
        // skipped), and only where they stand for the whole table: else the verifier reads the source
        RowTransform transform = plan.plan().transform().orElse(null);
        RowDigest.Form digest = verifier != null && plan.partsCoverTheTable() ? verifier.copyForm(table, plan.plan().isBinary(), transform) : null;
        return new TableCopier.Options(plan.plan().isBinary(), freeze, null, throttle, rawBytes, digest, transform, plan.tableThrottle());
    }

    private void copy(Workers workers, Workers.Session session, TableData table, List<SchemaObject> postData) throws Exception {
        MDC.put("pgmigrate.phase", Phase.DATA.name());
        String name = name(table);
        listener.tableStarted(name);
        Instant start = clock.instant();
        Journal.Outcome copied = tasks.run(session, TaskKeys.rows(table), s -> copyRows(TaskKeys.rows(table), table, s, options(table),
                new ProgressThrottle(clock, clock.instant(), name, table.estimatedRows(), listener)));
        Instant copiedAt = clock.instant();
        timeline.add(Timeline.entry(Kind.COPY, name, "", session.lane(), start, copiedAt, copied.rows(), copied.bytes()));
        loaded(workers, session, new Loaded(table, name, copied, start, copiedAt), postData);
    }

    /**
     * The table's rows are in: its indexes go ahead of further copies, and its comparison is queued
     * now rather than once they are built. Nothing after the copy changes a row, and a read shares
     * the table with index builds; at the end of a run, the last table's read then runs beside its
     * builds instead of after them, alone.
     */
    private void loaded(Workers workers, Workers.Session session, Loaded loaded, List<SchemaObject> postData) throws Exception {
        LOG.debug("Copied {}: {} rows, {} bytes", loaded.table.qualifiedName(), loaded.copied.rows(), loaded.copied.bytes());
        copied(loaded.table, loaded.copied, Duration.between(loaded.start, loaded.copiedAt));
        verifyEarly(workers, loaded.table);
        String name = loaded.name;
        List<SchemaObject> indexes = IndexSteps.indexes(postData);
        List<SchemaObject> rest = IndexSteps.rest(postData);
        if (indexes.isEmpty()) {
            finishOrHandOver(workers, session, loaded, indexes, rest);
            return;
        }
        AtomicInteger remaining = new AtomicInteger(indexes.size());
        List<Workers.Job> builds = indexes.stream().map(index -> (Workers.Job) s -> {
            MDC.put("pgmigrate.phase", Phase.DATA.name());
            indexSteps.build(workers, s, name, index);
            if (remaining.decrementAndGet() == 0) {
                finishOrHandOver(workers, s, loaded, indexes, rest);
            }
        }).toList();
        builds.subList(1, builds.size()).forEach(build -> workers.submit(Priority.HIGH, build));
        // the first one here: queued, another worker could start it while this one still counted
        // as busy, and the build would not see that a job is idle (see IndexBuildWorkers)
        builds.get(0).run(session);
    }

    /**
     * Finishes the table now or, where its verification read runs and the finish locks the table
     * exclusively (a constraint's ALTER TABLE, a rule, a policy...), leaves it to that read: see
     * {@link Verifier#afterRunningReads}. ANALYZE alone shares the table with a read.
     */
    private void finishOrHandOver(Workers workers, Workers.Session session, Loaded loaded, List<SchemaObject> indexes,
                                  List<SchemaObject> rest) throws Exception {
        Workers.Job finishing = s -> finish(workers, s, loaded, indexes, rest);
        boolean locksTable = !rest.isEmpty() || indexSteps.attaches(indexes);
        if (verifier == null || !locksTable || !verifier.afterRunningReads(loaded.table, finishing)) {
            finishing.run(session);
        }
    }

    /**
     * What needs all the table's indexes built: their constraints and other statements, then the
     * table's other objects (triggers, rules, policies...), its planner statistics (while other
     * tables still copy, rather than all at the end), then its result.
     */
    private void finish(Workers workers, Workers.Session session, Loaded loaded, List<SchemaObject> indexes, List<SchemaObject> rest)
            throws Exception {
        indexSteps.attach(session, indexes);
        tasks.run(session, TaskKeys.tableFinished(loaded.table), s -> {
            finishTable(s, loaded.table, rest);
            return Journal.Outcome.NONE;
        });
        result(loaded.table, loaded.copied, Duration.between(loaded.start, loaded.copiedAt), Duration.between(loaded.copiedAt, clock.instant()));
    }

    /** Tells the listener that the table's rows are in, before the verifier may read them. */
    private void copied(TableData table, Journal.Outcome copied, Duration copying) {
        listener.tableCopied(TableProgress.builder().qualifiedName(name(table)).rows(copied.rows()).bytes(copied.bytes())
                .estimatedRows(ProgressThrottle.estimate(table.estimatedRows()))
                .elapsed(copying).build());
    }

    /** Hands a copied table to the verifier, when there is one and this run copied all of the table. */
    private void verifyEarly(Workers workers, TableData table) {
        RowDigest copied = copiedRows.of(table.oid());
        if (verifier != null && copied != null) {
            verifier.tableCopied(table, copied, workers);
        }
    }

    private static void finishTable(Workers.Session session, TableData table, List<SchemaObject> rest) {
        finishing(new StatementRunner.Together(), table, rest).run(session.target());
    }

    /** Adds what finishes {@code table} once its indexes are built: {@code rest} (constraints, policies...) and its statistics. */
    private static StatementRunner.Together finishing(StatementRunner.Together together, TableData table, List<SchemaObject> rest) {
        rest.forEach(together::add);
        return together.add("Collecting statistics of " + table.qualifiedName(), "ANALYZE " + table.qualifiedName());
    }

    private void result(TableData table, Journal.Outcome copied, Duration copying, Duration indexing) {
        TableResult result = TableResult.builder().schema(table.schema()).name(table.name())
                .rows(copied.rows()).bytes(copied.bytes()).copyDuration(copying).indexDuration(indexing).build();
        results.add(result);
        listener.tableFinished(result);
    }

    /**
     * The digests of the rows this run read from the source, by table OID, for the tables it
     * copied whole (a table an earlier run copied, or some of whose parts, has none).
     */
    public Map<Long, RowDigest> copiedRows() {
        return copiedRows.all();
    }

    /** A copy job and how many bytes it copies. */
    private record SizedJob(long bytes, Workers.Job job) {}

    /** A table whose rows are in. */
    private record Loaded(TableData table, String name, Journal.Outcome copied, Instant start, Instant copiedAt) {}
}
