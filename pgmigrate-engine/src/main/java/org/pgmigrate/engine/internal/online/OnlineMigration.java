package org.pgmigrate.engine.internal.online;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.MigrationFailedException;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationRequest;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.Phase;
import org.pgmigrate.ReplicationLag;
import org.pgmigrate.TableProgress;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.WarningCodes;
import org.pgmigrate.engine.internal.run.Cancellation;
import org.pgmigrate.engine.internal.run.GuardedListener;
import org.pgmigrate.engine.internal.run.MigrationIds;
import org.pgmigrate.engine.internal.OfflineMigration;
import org.pgmigrate.engine.internal.ServerMigration;
import org.pgmigrate.engine.internal.OnlineHooks;
import org.pgmigrate.engine.internal.run.RunHandle;
import org.pgmigrate.engine.internal.SourceSnapshot;
import org.pgmigrate.engine.internal.ValidationRun;
import org.pgmigrate.engine.internal.jdbc.Connector;
import org.pgmigrate.engine.internal.jdbc.Side;
import org.pgmigrate.engine.internal.jdbc.TransientErrors;
import org.pgmigrate.engine.internal.journal.Journal;
import org.pgmigrate.engine.internal.schema.SchemaSelection;
import org.pgmigrate.engine.internal.schema.SourceSchema;
import org.pgmigrate.engine.internal.schema.TableData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One online migration: validation, then the offline migration's run with the slot's snapshot,
 * then the stream until a cutover is requested (by {@link #cutover()} or through the target's
 * {@link ControlTable}), then the catch-up to the source's position at that request, sequences,
 * verification, and the cleanup of slot, publication and origin on every way out.
 */
public final class OnlineMigration extends RunHandle implements OnlineHooks {
    private static final Logger LOG = LoggerFactory.getLogger(OnlineMigration.class);
    private static final long CONTROL_POLL_MILLIS = 1000;

    private final MigrationRequest request;
    private final MigrationListener listener;
    private final Clock clock;
    private final ReplicationNames names = ReplicationNames.of(migrationId);
    private final Connector sourceConnector;
    private final Connector targetConnector;
    private final ReplicationObjects objects;
    private final ControlTable control;
    private final LagSamples lagSamples = new LagSamples();
    /** What records the source's DDL, when it is replicated; else null. */
    private final DdlCapture ddlCapture;
    private final Object slotLock = new Object();

    private volatile boolean cutoverRequested;
    private volatile PgMigrateException stopped;
    private volatile boolean replicationCreated;
    /** Where a resumed copy's snapshot stands in the slot's stream; 0 when the copy is the slot's own. */
    private volatile long syncPoint;
    /** A resume found nothing it could continue: what the earlier run left stays untouched. */
    private volatile boolean resumeRefused;
    private volatile SlotSnapshot slot;
    private volatile Instant copyStartedAt;
    private volatile long consistentPoint;
    private volatile Replicator replicator;
    private volatile long sourcePosition;
    private List<Long> publishedTables;
    /** What the ROLES step did before the copy. */
    private Optional<org.pgmigrate.RoleReport> roles = Optional.empty();
    private CopiedTables copiedTables;
    private SourceWatch watch;
    private ValidationReport validation;

    /** The earlier run a resumed one continues, else null. */
    private final ControlTable.Earlier earlier;

    private OnlineMigration(MigrationRequest request, String migrationId, ControlTable.Earlier earlier) {
        super(migrationId, request.threadFactory(), Duration.ofMinutes(10));
        this.earlier = earlier;
        this.request = request;
        this.listener = request.listener();
        this.clock = request.clock();
        this.sourceConnector = new Connector(request.source(), Side.SOURCE);
        this.targetConnector = new Connector(request.target(), Side.TARGET);
        this.objects = new ReplicationObjects(sourceConnector, targetConnector, names);
        this.control = new ControlTable(targetConnector, migrationId);
        this.ddlCapture = request.replicateDdl() ? new DdlCapture(sourceConnector, names, request.filter()) : null;
    }

    /**
     * Validates (refusing to start, with the report, when a rule failed) and starts the migration
     * on a thread of its own.
     */
    public static MigrationHandle start(MigrationRequest request) {
        if (request.source().dataSource().isPresent()) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "Online migration needs the source as a URL: it opens"
                    + " replication connections, which a DataSource cannot provide.");
        }
        if (request.resume()) {
            ControlTable.Earlier earlier = StoppedMigration.find(request);
            OnlineMigration migration = new OnlineMigration(request, earlier.migrationId(), earlier);
            // validated, and its roles created, when it started
            LOG.info("Resuming online migration {}, which had reached {}", earlier.migrationId(), earlier.state());
            migration.threads.newThread("online", migration::run).start();
            return migration;
        }
        OnlineMigration migration = new OnlineMigration(request, MigrationIds.next(), null);
        migration.validation = ValidationRun.validate(request).throwIfFailed();
        migration.roles = new ServerMigration(request).rolesOnly();
        migration.threads.newThread("online", migration::run).start();
        return migration;
    }

    private void run() {
        MDC.put("pgmigrate.migration", migrationId);
        MigrationResult result = null;
        PgMigrateException failure = null;
        try {
            MigrationRequest run = MigrationRequest.builder().from(request).listener(new CancellableListener()).build();
            result = MigrationResult.builder().from(new OfflineMigration(run, this, migrationId, cancellation).run())
                    .validation(Optional.ofNullable(validation))
                    .roles(roles).lag(lagSamples.all()).build();
        } catch (PgMigrateException e) {
            failure = e;
        } catch (RuntimeException | Error e) {
            failure = new PgMigrateException(ErrorKind.MIGRATION_FAILED, String.valueOf(e.getMessage()), e);
        } finally {
            stopThreads();
            boolean keep = failure != null && resumable(failure);
            String cleanup = resumeRefused ? "" : keep ? kept() : dropReplication();
            if (resumeRefused) {
                LOG.info("Nothing was changed: the earlier run's slot, origin, journal and control row are as they were");
            } else if (keep) {
                control.failed(failure.getMessage());
            } else {
                String state = failure == null ? ControlTable.COMPLETED
                        : failure.kind() == ErrorKind.CANCELLED ? ControlTable.CANCELLED : ControlTable.FAILED;
                String detail = failure == null ? "Cutover complete." + cleanup : failure.getMessage() + cleanup;
                control.finish(state, detail, clock);
                cleanup += removeJournal(failure != null);
            }
            if (failure == null) {
                if (!cleanup.isEmpty() && cleanup.contains("Run")) {
                    result = MigrationResult.builder().from(result).addWarnings(MigrationWarning.of(WarningCodes.REPLICATION_CLEANUP,
                            cleanup.trim(), List.of(names.slot()))).build();
                }
                LOG.info("Online migration {} complete.{}", migrationId, cleanup);
                outcome.complete(result);
            } else {
                LOG.error("Online migration {} ended: {}", migrationId, failure.getMessage() + cleanup);
                outcome.fail(withNote(failure, cleanup, lagSamples.all()));
            }
            MDC.clear();
        }
    }

    /** The failure with {@code note} added to its message, and {@code lag} to its partial result. */
    private static PgMigrateException withNote(PgMigrateException e, String note, List<ReplicationLag> lag) {
        if (e instanceof MigrationFailedException f) {
            return new MigrationFailedException(f.kind(), f.getMessage() + note, MigrationResult.builder().from(f.partialResult()).lag(lag).build(),
                    f.getCause() == null ? f : f.getCause());
        }
        return new PgMigrateException(e.kind(), e.getMessage() + note, e);
    }

    /**
     * Whether a failed run keeps what a resume needs: the slot, publication, origin, journal and
     * control row. Not when the user cancelled it, nor past the WAL limit (the slot is dropped to
     * protect the source's disk), nor before the slot existed (nothing to resume).
     */
    private boolean resumable(PgMigrateException failure) {
        return replicationCreated && failure.kind() != ErrorKind.CANCELLED && failure.kind() != ErrorKind.WAL_RETENTION_EXCEEDED;
    }

    /** What a failed run leaves for its resume, and how to resume or abandon it. */
    private String kept() {
        return " The replication slot " + names.slot() + " and publication " + names.publication() + " stay on the source, and"
                + " the replication origin, journal and control row (schema pgmigrate) on the target; the slot keeps the source's"
                + " WAL from where the target stands, so it grows until the migration resumes. Fix the cause, then continue with"
                + " resume() (pgmigrate migrate --mode online --resume, same source, target and options): finished work is kept and"
                + " the stream goes on from the last change the target committed. Or drop it all with abandon() (pgmigrate abandon).";
    }

    /**
     * Removes the journal once nothing can resume the migration: it completed, or failed in a way
     * that is not resumable (then a new run must start from an empty database, and is not told
     * to resume). Never throws: the migration's own outcome matters more.
     */
    private String removeJournal(boolean failed) {
        try (Connection c = targetConnector.open()) {
            Journal.remove(c);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not remove the journal (schema pgmigrate) from the target: {}", e.getMessage());
        }
        return failed ? " The target database holds a partial copy: drop and recreate it before migrating again." : "";
    }

    private void stopThreads() {
        if (watch != null) {
            watch.stop();
        }
        closeSlotSnapshot();
        Replicator r = replicator;
        if (r != null) {
            r.close();
        }
    }

    /** Drops slot, publication and origin; says what was done, or exactly what to run where. */
    private String dropReplication() {
        if (!replicationCreated) {
            return "";
        }
        List<String> left = objects.dropAll();
        if (left.isEmpty()) {
            return " The replication slot " + names.slot() + " and publication " + names.publication()
                    + " were dropped on the source, and the replication origin " + names.origin() + " on the target.";
        }
        return " Some replication objects could not be dropped. Run " + String.join(" and ", left);
    }

    private void closeSlotSnapshot() {
        synchronized (slotLock) {
            if (slot != null) {
                slot.close();
                slot = null;
            }
        }
    }

    // ---- hooks into the offline run

    @Override
    public SourceSnapshot snapshot(Connector source, Connection coordinator, String id) throws SQLException {
        if (earlier != null) {
            return resumedSnapshot(source, coordinator);
        }
        control.create();
        replicationCreated = true;
        if (ddlCapture != null) {
            ddlCapture.create();
        }
        publishedTables = objects.createPublication(ddlCapture);
        SlotSnapshot created = SlotSnapshot.create(source, names.slot(), sourceMajor(coordinator));
        synchronized (slotLock) {
            slot = created;
        }
        copyStartedAt = clock.instant();
        consistentPoint = created.consistentPoint();
        objects.createOrigin(consistentPoint);
        LOG.info("Created replication slot {} at {}; the copy reads under its snapshot {}", names.slot(),
                Lsn.format(consistentPoint), created.snapshotName());
        watch = new SourceWatch();
        watch.start();
        return SourceSnapshot.imported(source, coordinator, created.snapshotName());
    }

    /**
     * A resumed run finds its slot, publication and origin. After the copy, it reads the catalogs
     * under a snapshot of its own; during the copy, under a temporary slot's, whose place in the
     * migration slot's stream is known (see {@link #rowsCopied()}).
     */
    private SourceSnapshot resumedSnapshot(Connector source, Connection coordinator) throws SQLException {
        try {
            publishedTables = objects.existing();
        } catch (PgMigrateException e) {
            resumeRefused = true;
            throw e;
        }
        replicationCreated = true;
        control.resume(earlier);
        cutoverRequested = earlier.cutoverRequested();
        consistentPoint = objects.originProgress();
        copyStartedAt = clock.instant();
        watch = new SourceWatch();
        watch.start();
        if (earlier.copied()) {
            return SourceSnapshot.export(source, coordinator);
        }
        // what is left of the copy reads under a snapshot whose place in the slot's stream is known
        control.createSyncPoints();
        SlotSnapshot created = SlotSnapshot.createTemporary(source, names.slot() + "_resume", sourceMajor(coordinator));
        synchronized (slotLock) {
            slot = created;
        }
        syncPoint = created.consistentPoint();
        LOG.info("Resuming the copy under a snapshot at {}; the stream starts at {} and skips, for the tables copied now, what"
                + " the snapshot holds", Lsn.format(syncPoint), Lsn.format(consistentPoint));
        return SourceSnapshot.imported(source, coordinator, created.snapshotName());
    }

    @Override
    public boolean copyDone() {
        return earlier != null && earlier.copied();
    }

    @Override
    public RowsCopied rowsCopied() {
        long point = syncPoint;
        return point == 0 ? null : (target, table) -> ControlTable.recordSyncPoint(target, table.oid(), point);
    }

    @Override
    public String publication() {
        return names.publication();
    }

    private static int versionNumber(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_catalog.current_setting('server_version_num')::int")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int sourceMajor(Connection c) throws SQLException {
        return versionNumber(c) / 10000;
    }

    @Override
    public void schemaRead(SourceSchema schema, Connection coordinator) throws SQLException {
        int version = versionNumber(coordinator);
        // tables the filter leaves out (or keeps without their rows) stay published, but their changes are skipped
        Set<Long> copiedOids = new HashSet<>();
        schema.tables().stream().filter(SchemaSelection::copiesRows).forEach(t -> copiedOids.add(t.oid()));
        Set<Long> leftOut = new HashSet<>(publishedTables);
        leftOut.removeAll(copiedOids);
        copiedTables = CopiedTables.read(coordinator, publishedTables.stream().filter(copiedOids::contains).toList(), leftOut, version);
        Set<Long> published = new HashSet<>(publishedTables);
        for (TableData table : schema.tables()) {
            if (!SchemaSelection.copiesRows(table)) {
                continue;
            }
            if (!published.contains(table.oid()) && table.filter() == null) {
                LOG.warn("Table {} is copied but its changes are not replicated (unlogged, or created while the migration"
                        + " started)", table.qualifiedName());
            }
        }
    }

    @Override
    public void beforePhase(Phase phase) {
        checkStop();
    }

    private void checkStop() {
        if (stopped != null) {
            throw stopped;
        }
        if (cancellation.cancelled()) {
            throw new PgMigrateException(ErrorKind.CANCELLED, Cancellation.onlineMessage(migrationId));
        }
    }

    @Override
    public void copied(Cutover cutover) throws Exception {
        closeSlotSnapshot();
        Replicator r = new Replicator(sourceConnector, targetConnector, names, copiedTables.withSyncPoints(control.syncPoints()),
                ddlCapture, clock, consistentPoint, cutover::warn);
        replicator = r;
        try (Connection controlConnection = targetConnector.open("pgmigrate-control")) {
            control.advance(controlConnection, ControlTable.STREAMING);
            cutover.phase(Phase.STREAM, () -> r.run(new Replicator.Until() {
                private long lastPoll;

                @Override
                public void check() {
                    checkStop();
                }

                @Override
                public boolean done(long processed) throws SQLException {
                    if (cutoverRequested) {
                        return true;
                    }
                    long now = clock.millis();
                    if (now - lastPoll >= CONTROL_POLL_MILLIS) {
                        lastPoll = now;
                        String state = control.state(controlConnection);
                        if (ControlTable.CUTOVER_REQUESTED.equals(state)) {
                            LOG.info("Cutover requested through the target's pgmigrate.online_control");
                            cutoverRequested = true;
                        }
                    }
                    return cutoverRequested;
                }
            }));
            control.advance(controlConnection, ControlTable.CUTTING_OVER);
            cutover.phase(Phase.CUTOVER, () -> {
                long end = sourceCutoverPosition();
                LOG.info("Cutover: applying every change up to the source's position {}", Lsn.format(end));
                r.run(new Replicator.Until() {
                    @Override
                    public void check() {
                        checkStop();
                    }

                    @Override
                    public boolean done(long processed) {
                        return !Lsn.before(processed, end);
                    }
                });
                r.commitDurably();
                r.awaitDurable(Duration.ofMinutes(1));
                r.close();
                if (ddlCapture != null) {
                    // every change up to the cutover is in: the capture would only show up in the verification
                    List<String> left = ddlCapture.drop();
                    if (!left.isEmpty()) {
                        LOG.warn("Could not drop what captured the source's DDL: run {}", String.join(" ", left));
                    }
                }
            });
        }
        cutover.sequencesAndVerification();
    }

    /**
     * The source's position now: every transaction committed so far ends before it. Commits may be
     * asynchronous on the source (their WAL not yet flushed, so not yet streamed), hence the insert
     * position rather than the flush position.
     */
    private long sourcePositionNow() throws SQLException {
        try (Connection c = sourceConnector.open(); Statement s = c.createStatement()) {
            return insertPosition(s);
        }
    }

    /**
     * The cutover's end position. A small synchronous transaction with a logical message first
     * flushes the source's WAL, so that every earlier (asynchronous) commit is streamed without
     * waiting for the WAL writer.
     */
    private long sourceCutoverPosition() throws SQLException {
        try (Connection c = sourceConnector.open(); Statement s = c.createStatement()) {
            try {
                c.setAutoCommit(false);
                s.execute("SET LOCAL synchronous_commit = on");
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_logical_emit_message(true, 'pgmigrate', ?)")) {
                    ps.setString(1, "cutover " + migrationId);
                    ps.execute();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                LOG.warn("Could not flush the source's WAL with a logical message ({}); the cutover waits for the WAL writer", e.getMessage());
            } finally {
                c.setAutoCommit(true);
            }
            return insertPosition(s);
        }
    }

    private static long insertPosition(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_current_wal_insert_lsn()::text")) {
            rs.next();
            return Lsn.parse(rs.getString(1));
        }
    }

    // ---- the handle

    @Override
    public boolean awaitCaughtUp(Duration timeout) {
        long deadline = clock.millis() + timeout.toMillis();
        try {
            long position = sourcePositionBefore(deadline);
            while (clock.millis() < deadline) {
                if (outcome.isDone()) {
                    await();
                    return true;
                }
                Replicator r = replicator;
                if (r != null && r.awaitProcessed(position, Math.min(deadline, clock.millis() + 200))) {
                    return true;
                }
                if (r == null) {
                    Thread.sleep(100);
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The source's position; while the source cannot be reached for a transient reason (a failover), tried again until {@code deadline}. */
    private long sourcePositionBefore(long deadline) throws InterruptedException {
        while (true) {
            try {
                return sourcePositionNow();
            } catch (SQLException | PgMigrateException e) {
                if (!TransientErrors.isTransient(e) || clock.millis() >= deadline || outcome.isDone()) {
                    throw new PgMigrateException(ErrorKind.CONNECTION_FAILED, "Reading the source's WAL position failed: "
                            + e.getMessage(), e);
                }
                LOG.debug("Reading the source's WAL position failed, trying again: {}", e.getMessage());
                Thread.sleep(500);
            }
        }
    }

    @Override
    public ReplicationLag lag() {
        Instant now = clock.instant();
        Replicator r = replicator;
        long processed = r != null ? r.processed() : consistentPoint;
        long bytes = sourcePosition == 0 ? 0 : Lsn.distance(processed, sourcePosition);
        Duration delay = r != null ? r.delay(now)
                : copyStartedAt == null ? Duration.ZERO : Duration.between(copyStartedAt, now);
        return ReplicationLag.of(bytes, delay, now, r == null ? 0 : r.appliedTransactions(), r == null ? 0 : r.appliedRows());
    }

    /** The copy's statements (pre-data, an index build, verification) stop at once, as in an offline run; the stream at its next check. */
    @Override
    protected void stop() {
        cancellation.cancel();
    }

    @Override
    public MigrationResult cutover() {
        cutoverRequested = true;
        return await();
    }

    /**
     * Passes events on to the user's listener, and stops a running copy once the migration is
     * cancelled or stopped: progress events come from the copying workers about once a second.
     */
    private final class CancellableListener implements MigrationListener {
        @Override
        public void phaseStarted(Phase phase) {
            listener.phaseStarted(phase);
        }

        @Override
        public void phaseFinished(org.pgmigrate.PhaseResult result) {
            listener.phaseFinished(result);
        }

        @Override
        public void dataPlanned(org.pgmigrate.DataPlan plan) {
            listener.dataPlanned(plan);
        }

        @Override
        public void tableStarted(String qualifiedName) {
            checkStop();
            listener.tableStarted(qualifiedName);
        }

        @Override
        public void tableProgress(TableProgress progress) {
            checkStop();
            listener.tableProgress(progress);
        }

        @Override
        public void indexBuilt(org.pgmigrate.IndexResult index) {
            listener.indexBuilt(index);
        }

        @Override
        public void tableCopied(TableProgress copied) {
            listener.tableCopied(copied);
        }

        @Override
        public void tableFinished(org.pgmigrate.TableResult result) {
            listener.tableFinished(result);
        }

        @Override
        public void warning(MigrationWarning warning) {
            listener.warning(warning);
        }

        @Override
        public void tableVerified(org.pgmigrate.TableVerification verification) {
            listener.tableVerified(verification);
        }

        @Override
        public void verificationFinished(org.pgmigrate.VerificationReport report) {
            listener.verificationFinished(report);
        }

        @Override
        public void lagMeasured(ReplicationLag lag) {
            listener.lagMeasured(lag);
        }
    }

    /**
     * About once a second from the slot's creation: the source's WAL position (for the lag) and
     * the WAL the slot holds back; twice a second, a keepalive for a stream whose apply thread
     * is busy on the target ({@link Replicator#keepalive()}). Past the limit the migration stops;
     * while the copy still runs the slot is dropped at once, so the source's disk is safe
     * whatever the copy does next.
     */
    private final class SourceWatch implements Runnable {
        private final Thread thread = threads.newThread("watch", this);
        private volatile boolean running = true;

        void start() {
            thread.start();
        }

        void stop() {
            running = false;
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            MDC.put("pgmigrate.migration", migrationId);
            Connection c = null;
            for (long tick = 0; running; tick++) {
                Replicator r = replicator;
                if (r != null) {
                    r.keepalive();
                }
                if (tick % 2 == 1) {
                    sleepHalfASecond();
                    continue;
                }
                try {
                    if (c == null) {
                        c = sourceConnector.open("pgmigrate-watch");
                    }
                    measure(c);
                } catch (GuardedListener.ListenerFailure e) {
                    if (stopped == null) {
                        stopped = new PgMigrateException(ErrorKind.MIGRATION_FAILED, e.getMessage(), e);
                    }
                    break;
                } catch (SQLException | RuntimeException e) {
                    LOG.debug("Watching the source failed: {}", e.getMessage());
                    Connector.closeQuietly(c);
                    c = null;
                }
                sleepHalfASecond();
            }
            Connector.closeQuietly(c);
        }

        /** Half a second between ticks: the lag is measured every other one, the stream kept alive at each. */
        private void sleepHalfASecond() {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                running = false;
            }
        }

        private void measure(Connection c) throws SQLException {
            long retained;
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_current_wal_lsn()::text,"
                    + " (SELECT pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), restart_lsn)::bigint"
                    + "  FROM pg_catalog.pg_replication_slots WHERE slot_name = ?)")) {
                ps.setString(1, names.slot());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    sourcePosition = Lsn.parse(rs.getString(1));
                    retained = rs.getLong(2);
                }
            }
            if (!running) {
                return;
            }
            ReplicationLag lag = lag();
            lagSamples.add(lag);
            listener.lagMeasured(lag);
            if (request.maxRetainedWalBytes().isPresent() && retained > request.maxRetainedWalBytes().getAsLong() && stopped == null) {
                stopped = new PgMigrateException(ErrorKind.WAL_RETENTION_EXCEEDED, "The replication slot " + names.slot()
                        + " held " + retained + " bytes of WAL on the source, more than the limit of "
                        + request.maxRetainedWalBytes().getAsLong() + " bytes: the migration stopped and dropped the slot so the"
                        + " source's disk does not fill. Run it again when the source writes less, with more jobs, or with a"
                        + " higher limit (maxRetainedWal).");
                LOG.error("{}", stopped.getMessage());
                if (replicator == null) {
                    closeSlotSnapshot();
                    objects.dropAll();
                }
            }
        }
    }
}
