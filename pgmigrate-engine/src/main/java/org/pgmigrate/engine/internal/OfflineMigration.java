package org.pgmigrate.engine.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.pgmigrate.DatabasePlan;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.MigrationFailedException;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationRequest;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.ServerInfo;
import org.pgmigrate.SqlNames;
import org.pgmigrate.TableResult;
import org.pgmigrate.TimelineEntry;
import org.pgmigrate.VerificationDifference;
import org.pgmigrate.VerificationPolicy;
import org.pgmigrate.VerificationReport;
import org.pgmigrate.WarningCodes;
import org.pgmigrate.engine.internal.copy.CopyPlans;
import org.pgmigrate.engine.internal.copy.PgRowHash;
import org.pgmigrate.engine.internal.copy.RowDigest;
import org.pgmigrate.engine.internal.copy.TableSplitter;
import org.pgmigrate.engine.internal.copy.Throttle;
import org.pgmigrate.engine.internal.copy.Workers;
import org.pgmigrate.engine.internal.data.DataPhase;
import org.pgmigrate.engine.internal.jdbc.Connector;
import org.pgmigrate.engine.internal.jdbc.Side;
import org.pgmigrate.engine.internal.jdbc.Sql;
import org.pgmigrate.engine.internal.journal.Journal;
import org.pgmigrate.engine.internal.journal.TaskKeys;
import org.pgmigrate.engine.internal.journal.TaskRunner;
import org.pgmigrate.engine.internal.roles.RoleCreator;
import org.pgmigrate.engine.internal.roles.RolePolicy;
import org.pgmigrate.engine.internal.run.Cancellation;
import org.pgmigrate.engine.internal.run.MigrationIds;
import org.pgmigrate.engine.internal.run.RunThreads;
import org.pgmigrate.engine.internal.run.Timeline;
import org.pgmigrate.engine.internal.schema.LargeObject;
import org.pgmigrate.engine.internal.schema.ObjectRef;
import org.pgmigrate.engine.internal.schema.Placement;
import org.pgmigrate.engine.internal.schema.RoleSettings;
import org.pgmigrate.engine.internal.schema.SchemaObject;
import org.pgmigrate.engine.internal.schema.SchemaReader;
import org.pgmigrate.engine.internal.schema.SchemaSelection;
import org.pgmigrate.engine.internal.schema.SequenceValue;
import org.pgmigrate.engine.internal.schema.SourceSchema;
import org.pgmigrate.engine.internal.schema.TableData;
import org.pgmigrate.engine.internal.schema.TargetCapabilities;
import org.pgmigrate.engine.internal.schema.TargetRoles;
import org.pgmigrate.engine.internal.schema.UncreatableSelection;
import org.pgmigrate.engine.internal.status.LiveResults;
import org.pgmigrate.engine.internal.verify.SourceCatalogRead;
import org.pgmigrate.engine.internal.verify.Verifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One offline migration of one database: checks, snapshot, schema, parallel copy with each
 * table's indexes built right after its rows, foreign keys, sequences, large objects,
 * materialized views, statistics.
 */
public final class OfflineMigration {
    private static final Logger LOG = LoggerFactory.getLogger(OfflineMigration.class);
    private static final int LARGE_OBJECT_CHUNK = 1 << 20;

    private final MigrationRequest request;
    /** Null for an offline migration. */
    private final OnlineHooks online;
    private final MigrationListener listener;
    private final Clock clock;
    private final String migrationId;
    private final Connector sourceConnector;
    private final Connector targetConnector;
    private final Cancellation cancellation;
    /** Both databases are SQL_ASCII: rows copy as raw bytes. */
    private boolean rawBytes;
    private final List<PhaseResult> phases = Collections.synchronizedList(new ArrayList<>());
    private final List<TableResult> tables = Collections.synchronizedList(new ArrayList<>());
    private final List<MigrationWarning> warnings = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> objectCounts = new TreeMap<>();
    private final Timeline timeline;
    private Instant startedAt;
    private volatile ServerInfo sourceInfo;
    private volatile ServerInfo targetInfo;

    public OfflineMigration(MigrationRequest request) {
        this(request, MigrationIds.next(), new Cancellation());
    }

    /** An offline migration that {@code cancellation} stops: every connection it opens goes through it. */
    public OfflineMigration(MigrationRequest request, String migrationId, Cancellation cancellation) {
        this(request, null, migrationId, cancellation);
    }

    /**
     * A migration whose copy is followed by the online hooks' stream and cutover; {@code cancellation}
     * stops its copy as it stops an offline run.
     */
    public OfflineMigration(MigrationRequest request, OnlineHooks online, String migrationId, Cancellation cancellation) {
        this.request = request;
        this.online = online;
        this.migrationId = migrationId;
        this.cancellation = cancellation;
        this.listener = request.listener();
        this.clock = request.clock();
        this.timeline = new Timeline(clock);
        this.sourceConnector = cancellation.tracking(new Connector(request.source(), Side.SOURCE));
        this.targetConnector = cancellation.tracking(
                Connector.forIndexBuilds(request.target(), request.indexBuildMemory(), request.jobs()));
    }

    public MigrationResult run() {
        startedAt = clock.instant();
        MDC.put("pgmigrate.migration", migrationId);
        Connection source = null;
        Connection target = null;
        boolean targetChanged = false;
        try (LiveResults.Registration live = LiveResults.register(migrationId, this::progress)) {
            source = sourceConnector.open();
            target = targetConnector.open();
            Connection src = source;
            Connection tgt = target;
            String database = database(target);
            MDC.put("pgmigrate.database", database);
            TargetLock.acquire(target, database);
            Map<String, Set<String>> extensions = phase(Phase.PREPARE, () -> prepare(src, tgt));
            SourceSchema schema = phase(Phase.SNAPSHOT, () -> snapshot(src, extensions));
            targetChanged = true;
            if (online != null && online.copyDone()) {
                // replicated DDL may have changed the source since: its schema now is not the copy's
                warn(MigrationWarning.of(WarningCodes.RESUMED, "Resumed online migration " + migrationId + ": an earlier run"
                        + " finished its copy, and the stream goes on from the last change the target committed.", List.of()));
            } else {
                copy(src, tgt, schema);
            }
            if (online == null && !keepJournal) {
                Journal.remove(tgt);
            }
            if (online != null) {
                src.rollback(); // ends the snapshot transaction: the stream takes over from its end
                online.copied(new CutoverSteps(tgt));
            }
            MigrationResult result = result(true);
            LOG.info("Migration {} finished in {} ms: {} tables, {} rows, {} bytes", migrationId,
                    result.duration().toMillis(), result.tables().size(), result.totalRows(), result.totalBytes());
            return result;
        } catch (PgMigrateException e) {
            throw failure(e, targetChanged);
        } catch (Exception e) {
            throw failure(new PgMigrateException(ErrorKind.MIGRATION_FAILED, e.getMessage(), e), targetChanged);
        } finally {
            Connector.closeQuietly(sourceCatalogs);
            Connector.closeQuietly(source);
            Connector.closeQuietly(target);
            MDC.remove("pgmigrate.migration");
            MDC.remove("pgmigrate.database");
            MDC.remove("pgmigrate.phase");
        }
    }

    /** The copy, from the schema before the data to the statistics after it, verified unless online or skipped. */
    private void copy(Connection src, Connection tgt, SourceSchema schema) throws Exception {
        try (Workers workers = new Workers(request.jobs(), threads(), snapshot::join, targetConnector::open)) {
            TaskRunner tasks = new TaskRunner(journal(tgt, schema), TaskRunner.Retries.DEFAULT, this::warn,
                    () -> workers.stopping() || cancellation.cancelled());
            TaskKeys keys = TaskKeys.of(schema);
            // tables are compared as they are finished, unless verification is skipped or passed in an earlier run
            boolean verifying = online == null && request.verification() != VerificationPolicy.SKIP
                    && tasks.journal().done(TaskKeys.VERIFICATION).isEmpty();
            if (verifying) {
                // while the target creates the schema, which leaves the source idle and, thousands of
                // tables or indexes in, a core too (their files are made one at a time)
                sourceCatalogs = SourceCatalogRead.start(snapshot.join(), threads(), timeline);
            }
            phase(Phase.PRE_DATA, () -> preData(workers, tasks, tgt, schema));
            CopyPlans plans = new CopyPlans(request.copyStrategies(), request.copyFormat(),
                    new TableSplitter(request.splitTablesLargerThan(), request.jobs(), sourceInfo.versionNumber()),
                    sourceInfo.majorVersion(), targetInfo.majorVersion(), clock);
            DataPhase data = new DataPhase(listener, clock, plans, tables,
                    Throttle.sleeping(request.maxSourceBytesPerSecond().orElse(Long.MAX_VALUE), clock), rawBytes, tasks, keys, timeline)
                    .resumingOnline(online == null ? null : online.rowsCopied());
            Verifier verifier = verifying ? verifier(PgRowHash.agrees(tgt, targetInfo.versionNumber())) : null;
            phase(Phase.DATA, () -> data.run(workers, schema, src, verifier));
            phase(Phase.FOREIGN_KEYS, () -> foreignKeys(workers, tasks, keys, schema, timeline));
            if (online == null) {
                phase(Phase.SEQUENCES, () -> sequences(tgt, schema));
            }
            phase(Phase.LARGE_OBJECTS, () -> largeObjects(workers, tasks, schema));
            phase(Phase.MATERIALIZED_VIEWS, () -> materializedViews(workers, tasks, schema));
            phase(Phase.ANALYZE, () -> analyzeTheRest(tgt, schema));
            if (online == null && request.verification() != VerificationPolicy.SKIP) {
                if (verifier == null) {
                    LOG.info("Verification passed in the earlier run");
                } else {
                    phase(Phase.VERIFY, () -> verify(verifier, workers, src, tgt, schema, data.copiedRows(), sourceCatalogs));
                    tasks.journal().record(tgt, TaskKeys.VERIFICATION);
                }
            }
        }
    }

    /** The run's threads: the cancellation of the whole run tells them from others. */
    private RunThreads threads() {
        return new RunThreads(request.threadFactory(), migrationId, cancellation.run());
    }

    private PgMigrateException failure(PgMigrateException e, boolean targetChanged) {
        if (cancellation.cancelled()) {
            // whatever the closed connections made fail, it is the cancellation that stopped the run
            e = new PgMigrateException(ErrorKind.CANCELLED, online != null ? Cancellation.onlineMessage(migrationId)
                    : Cancellation.message(migrationId, targetChanged), e);
        }
        if (!targetChanged || sourceInfo == null || targetInfo == null) {
            return e;
        }
        if (e.kind() == ErrorKind.CANCELLED) {
            LOG.warn("{}", e.getMessage());
        } else {
            LOG.error("Migration {} failed: {}", migrationId, e.getMessage());
        }
        String advice = e.kind() == ErrorKind.CANCELLED ? ""
                : e.kind() == ErrorKind.VERIFICATION_FAILED
                ? "\nThe copy ran to the end but the target differs from the source; the result's verification lists every difference."
                + " Make sure nothing writes to the source or target during an offline migration, then migrate again into a new database."
                : online != null ? "" // the online migration says whether it can be resumed
                : "\nThe target keeps what was copied, with a journal of it (schema pgmigrate): fix the cause, then continue with"
                + " resume() (pgmigrate migrate ... --resume); finished work is skipped. Keep the source unchanged until then.";
        return new MigrationFailedException(e.kind(), e.getMessage() + advice, result(false), e);
    }

    private SourceSnapshot snapshot;
    /** The source's catalogs for verification, read while the target creates the schema; null when nothing verifies. */
    private SourceCatalogRead sourceCatalogs;
    /** A whole-server migration removes the journals once every database is done. */
    private boolean keepJournal;

    /** Leaves the journal in the target when done, for the server-level run to remove with the others. */
    OfflineMigration keepingJournal() {
        keepJournal = true;
        return this;
    }

    /**
     * The journal of this run: a new one, or the earlier run's when resuming (then says so). An
     * online migration keeps one too, for a resume once its copy is done.
     */
    private Journal journal(Connection target, SourceSchema schema) throws SQLException {
        String fingerprint = TaskKeys.fingerprint(schema);
        if (!Journal.exists(target)) {
            return Journal.create(target, migrationId, fingerprint);
        }
        Journal journal = Journal.resume(target, fingerprint);
        Journal.EarlierRun earlier = journal.earlierRun().orElseThrow();
        if (online != null) {
            warn(MigrationWarning.of(WarningCodes.RESUMED, "Resumed online migration " + earlier.migrationId() + " (started "
                    + earlier.startedAt() + "; this is run " + (earlier.runs() + 1) + "): " + earlier.doneTasks() + " tasks done before"
                    + " are skipped, " + earlier.inFlightTasks() + " that were in flight start over, what is left of the copy is read"
                    + " under a new snapshot, and the stream goes on from the last change the target committed.", List.of()));
            return journal;
        }
        warn(MigrationWarning.of(WarningCodes.RESUMED, "Resumed migration " + earlier.migrationId() + " (started " + earlier.startedAt()
                + "; this is run " + (earlier.runs() + 1) + "): " + earlier.doneTasks() + " tasks done before are skipped, "
                + earlier.inFlightTasks() + " that were in flight start over. The rest is read under a new snapshot of the source,"
                + " so the source must not have changed since the first run: keep applications stopped until the migration completes."
                + (request.verification() == VerificationPolicy.SKIP
                        ? " Verification is off, so nothing will check that the source stayed the same."
                        : " Verification at the end compares the whole target with the source."), List.of()));
        return journal;
    }
    /** For a plan: what the server-level steps would have done before. */
    private Set<String> rolesCreatedFirst = Set.of();
    private boolean databaseCreatedFirst;
    private VerificationReport verification;
    private SchemaSelection selection;
    /** A dry run: objects that depend on objects the filter leaves out are reported, not refused. */
    private boolean planning;

    /**
     * A dry run: connects, runs the PREPARE checks, reads the source under a snapshot and applies
     * the filter, and says what {@link #run()} would do. Changes nothing on either server.
     */
    /**
     * What migrating this database would do, changing nothing.
     *
     * @param rolesCreatedFirst roles the server-level step would create before (taken as existing)
     * @param databaseCreatedFirst whether the target database would be created first; the target
     *     endpoint then names another database of the target server, read for its roles and extensions
     */
    DatabasePlan plan(Set<String> rolesCreatedFirst, boolean databaseCreatedFirst) {
        this.rolesCreatedFirst = Set.copyOf(rolesCreatedFirst);
        this.databaseCreatedFirst = databaseCreatedFirst;
        planning = true;
        startedAt = clock.instant();
        Connection source = null;
        Connection target = null;
        try {
            source = sourceConnector.open();
            target = targetConnector.open();
            Map<String, Set<String>> extensions = prepare(source, target);
            SourceSchema schema = snapshot(source, extensions);
            return DatabasePlans.of(sourceInfo.database(), schema, selection, objectCounts, List.copyOf(warnings), request.verification());
        } catch (PgMigrateException e) {
            throw e;
        } catch (Exception e) {
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "The dry run could not read the source: " + e.getMessage(), e);
        } finally {
            Connector.closeQuietly(source);
            Connector.closeQuietly(target);
        }
    }

    private TargetRoles targetRoles;
    private TargetCapabilities capabilities;
    private Map<String, Set<String>> targetExtensions;

    /** The online cutover's last steps: the source as it is at the cutover, not as it was copied. */
    private final class CutoverSteps implements OnlineHooks.Cutover {
        private final Connection target;

        CutoverSteps(Connection target) {
            this.target = target;
        }

        @Override
        public void phase(Phase phase, OnlineHooks.Body body) throws Exception {
            OfflineMigration.this.phase(phase, body::run);
        }

        @Override
        public void warn(MigrationWarning warning) {
            OfflineMigration.this.warn(warning);
        }

        @Override
        public void sequencesAndVerification() throws Exception {
            try (Connection source = sourceConnector.open()) {
                source.setAutoCommit(false);
                try (Statement s = source.createStatement()) {
                    s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                }
                SourceSchema now = SchemaReader.read(source, sourceInfo.versionNumber(), targetInfo.versionNumber(),
                        targetRoles, targetExtensions, readOptions());
                SchemaSelection.apply(source, now, request.filter());
                leaveOutAgain(source, now);
                OfflineMigration.this.phase(Phase.SEQUENCES, () -> sequences(target, now));
                if (request.verification() != VerificationPolicy.SKIP) {
                    try (Workers workers = new Workers(request.jobs(), threads(), () -> readOnlySource(), targetConnector::open)) {
                        OfflineMigration.this.phase(Phase.VERIFY, () -> verify(verifier(false), workers, source, target, now, Map.of(), null));
                    }
                }
                source.rollback();
            }
        }

        private Connection readOnlySource() {
            Connection c = sourceConnector.open();
            try (Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                return c;
            } catch (SQLException e) {
                Connector.closeQuietly(c);
                throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Could not open a source session: " + e.getMessage(), e);
            }
        }
    }

    private Map<String, Set<String>> prepare(Connection source, Connection target) throws SQLException {
        sourceInfo = serverInfo(source, request.source().toString());
        targetInfo = serverInfo(target, request.target().toString());
        Preflight.checkVersions(sourceInfo.versionNumber(), targetInfo.versionNumber());
        if (!databaseCreatedFirst) {
            Preflight.checkTargetReady(target, targetInfo.database(), request.resume());
        }
        rawBytes = Connector.rawBytes(sourceConnector, source, targetConnector, target);
        return Preflight.availableExtensions(target);
    }

    private SourceSchema snapshot(Connection source, Map<String, Set<String>> extensions) throws SQLException {
        snapshot = online == null ? SourceSnapshot.export(sourceConnector, source) : online.snapshot(sourceConnector, source, migrationId);
        LOG.info("Reading the source catalogs under snapshot {}", snapshot.id());
        TargetRoles roles;
        try (Connection target = targetConnector.open()) {
            roles = targetRoles(source, target);
            uncreatable = Preflight.uncreatable(source, target);
            capabilities = TargetCapabilities.read(source, target, request.tablespaces());
        }
        targetRoles = roles;
        targetExtensions = extensions;
        SourceSchema schema = SchemaReader.read(source, sourceInfo.versionNumber(), targetInfo.versionNumber(), roles, extensions,
                readOptions());
        selection = SchemaSelection.apply(source, schema, request.filter());
        if (!planning) {
            selection.refuseBrokenDependencies();
        }
        schema = leaveOutUncreatable(source, schema);
        Preflight.checkExtensions(schema.extensions(), extensions);
        if (online != null) {
            online.schemaRead(schema, source);
        }
        schema.warnings().forEach(this::warn);
        roles.reassignedObjects().forEach((role, objects) -> warn(MigrationWarning.of(WarningCodes.ROLE_REASSIGNED,
                "Role " + Sql.ident(role) + " is reserved (a predefined or provider-managed role, or the source's bootstrap superuser"
                        + " that the target lacks): what it owns or was granted on the source went to " + Sql.ident(roles.reassignedTo(role))
                        + " on the target.", objects)));
        roles.missing().forEach((role, objects) -> warn(MigrationWarning.of(WarningCodes.ROLE_MISSING,
                "Role " + Sql.ident(role) + " does not exist on the target: ownership and privileges for it were not applied."
                        + " Create the role on the target and re-run the GRANT/ALTER ... OWNER statements, or migrate roles first.",
                objects)));
        for (SchemaObject o : schema.objects()) {
            objectCounts.merge(o.kind(), 1, Integer::sum);
        }
        if (!schema.largeObjects().isEmpty()) {
            objectCounts.put("large object", schema.largeObjects().size());
        }
        return schema;
    }

    /** Subscriptions as the request asks; an online migration's own publication is not the user's. */
    private SchemaReader.Options readOptions() {
        return new SchemaReader.Options(request.subscriptions(), online == null ? Set.of() : Set.of(online.publication()), capabilities)
                .leavingOut(partsLeftOut);
    }

    /** The source's objects the target cannot create, with why; found before anything is changed. */
    private Map<ObjectRef, String> uncreatable = Map.of();
    /** Column defaults and table constraints left out with them, their tables created without them. */
    private Set<ObjectRef> partsLeftOut = Set.of();

    /**
     * Refuses the objects the target cannot create, or leaves them out of {@code schema} with
     * everything that depends on them when the request says so, each named in a warning; a plan
     * names them. Reads the schema again when tables are to be created without a default or
     * constraint that depends on them.
     */
    private SourceSchema leaveOutUncreatable(Connection source, SourceSchema schema) throws SQLException {
        UncreatableSelection found = UncreatableSelection.of(source, schema, uncreatable);
        if (found.isEmpty()) {
            return schema;
        }
        if (!request.leaveOutUncreatableObjects()) {
            if (!planning) {
                throw Preflight.refuseUncreatable(found, targetInfo.versionNumber());
            }
            found.lines().forEach(line -> warn(MigrationWarning.of(WarningCodes.UNCREATABLE_OBJECT, "The target cannot create " + line
                    + ". The migration will refuse unless it leaves them out (leaveOutUncreatableObjects(true)).", List.of())));
            return schema;
        }
        SourceSchema read = schema;
        if (!found.parts().isEmpty()) {
            partsLeftOut = found.parts();
            read = SchemaReader.read(source, sourceInfo.versionNumber(), targetInfo.versionNumber(), targetRoles, targetExtensions,
                    readOptions());
            selection = SchemaSelection.apply(source, read, request.filter());
            found = UncreatableSelection.of(source, read, uncreatable);
        }
        found.leaveOut(source, read);
        found.warnings().forEach(this::warn);
        return read;
    }

    /** Leaves out of a schema read again (at the cutover) what the migration left out. */
    private void leaveOutAgain(Connection source, SourceSchema schema) throws SQLException {
        if (request.leaveOutUncreatableObjects()) {
            UncreatableSelection.of(source, schema, uncreatable).leaveOut(source, schema);
        }
    }

    /** The target's roles, with reserved source roles mapped to the role that takes their objects. */
    private TargetRoles targetRoles(Connection source, Connection target) throws SQLException {
        Set<String> targetRoles = new HashSet<>(RoleCreator.roleNames(target));
        targetRoles.addAll(rolesCreatedFirst);
        String newOwner = request.reservedRoleObjectsOwner().orElse(null);
        if (newOwner == null) {
            try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_USER")) {
                rs.next();
                newOwner = rs.getString(1);
            }
        }
        if (!targetRoles.contains(newOwner)) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "The role " + Sql.ident(newOwner) + " chosen to own what reserved"
                    + " roles own does not exist on the target; create it or choose another with reservedRoleObjectsOwner(...).");
        }
        Set<String> sourceRoles = RoleCreator.roleNames(source);
        RolePolicy policy = RolePolicy.read(source, request.reservedRoles());
        return new TargetRoles(targetRoles, policy.reassignments(sourceRoles, targetRoles, newOwner));
    }

    private void warn(MigrationWarning warning) {
        warnings.add(warning);
        LOG.warn("{}", warning);
        listener.warning(warning);
    }

    /** Objects run in order, in transactions of this many, each with its journal record. */
    private static final int OBJECTS_PER_TRANSACTION = 100;

    private void preData(Workers workers, TaskRunner tasks, Connection target, SourceSchema schema) throws Exception {
        PreDataCreation.run(workers, tasks, schema.preDataBatches(OBJECTS_PER_TRANSACTION));
        ChangedPrivilegesStep.apply(target, schema, this::warn);
        // the database's own settings, owner, privileges and comment: the same again when resumed
        String database = Sql.ident(targetInfo.database());
        for (SourceSchema.DatabaseSetting setting : schema.databaseSettings()) {
            String alter = setting.role() == null ? "ALTER DATABASE " + database : "ALTER ROLE " + Sql.ident(setting.role()) + " IN DATABASE " + database;
            StatementRunner.run(target, "Setting " + setting.name() + " on the database", alter + RoleSettings.setClause(setting.name(), setting.valueSql()));
        }
        List<String> refused = new ArrayList<>();
        for (String sql : schema.databaseStatements(database)) {
            String reason = StatementRunner.runIfPermitted(target, "refused", sql);
            if (reason != null) {
                refused.add(sql + " (" + reason + ")");
            }
        }
        if (!refused.isEmpty()) {
            warn(MigrationWarning.of(WarningCodes.DATABASE_PROPERTIES_NOT_SET, "The target user may not change the database's owner or"
                    + " privileges as the source has them; run these as the database owner or a superuser.", refused));
        }
        if (schema.databaseComment() != null) {
            StatementRunner.run(target, "Commenting the database", "COMMENT ON DATABASE " + database + " IS " + schema.databaseComment());
        }
        inOrder(workers, tasks, Placement.PARTITIONED_PARENT, schema.objects(Placement.PARTITIONED_PARENT));
    }

    /**
     * Creates {@code objects} one after the other, in transactions of {@link #OBJECTS_PER_TRANSACTION}
     * objects, each a journaled task: a resumed run picks up after the last batch that committed.
     */
    private static void inOrder(Workers workers, TaskRunner tasks, Placement placement, List<SchemaObject> objects) throws Exception {
        for (int from = 0; from < objects.size(); from += OBJECTS_PER_TRANSACTION) {
            List<SchemaObject> batch = objects.subList(from, Math.min(objects.size(), from + OBJECTS_PER_TRANSACTION));
            String task = TaskKeys.batch(placement, from + 1, from + batch.size());
            runTask(workers, tasks, task, StatementRunner.creating(batch));
        }
    }

    /** Runs one journaled task on a worker and waits for it, for steps that must run in order. */
    private static void runTask(Workers workers, TaskRunner tasks, String task, TaskRunner.Work work) throws Exception {
        workers.submit(session -> tasks.run(session, task, work));
        workers.awaitIdle();
    }

    /** @param serverHashes the target hashes rows as the copy does (see {@link PgRowHash#agrees}) */
    private Verifier verifier(boolean serverHashes) {
        return new Verifier(listener, clock, request.splitTablesLargerThan(), sourceInfo.versionNumber(), targetInfo.versionNumber(), rawBytes,
                serverHashes, timeline);
    }

    /**
     * @param copiedRows the digests of the rows the copy read from the source, by table OID (see {@link DataPhase#copiedRows()})
     * @param sourceCatalogs the source's catalogs read earlier in the same snapshot, or null
     */
    private void verify(Verifier verifier, Workers workers, Connection source, Connection target, SourceSchema schema,
                        Map<Long, RowDigest> copiedRows, SourceCatalogRead sourceCatalogs) throws Exception {
        verification = verifier.verify(schema, workers, source, target, copiedRows, sourceCatalogs);
        if (verification.equal()) {
            LOG.info("Verification: the target equals the source ({} tables compared)", verification.tables().size());
            return;
        }
        String summary = VerificationMessages.summary(verification);
        if (request.verification() == VerificationPolicy.WARN_ON_DIFFERENCE) {
            warn(MigrationWarning.of(WarningCodes.VERIFICATION_DIFFERENCE, summary,
                    verification.differences().stream().map(VerificationDifference::object).toList()));
            return;
        }
        throw new PgMigrateException(ErrorKind.VERIFICATION_FAILED, summary);
    }

    private static void foreignKeys(Workers workers, TaskRunner tasks, TaskKeys keys, SourceSchema schema, Timeline timeline)
            throws Exception {
        Map<Long, String> tables = schema.tables().stream().collect(Collectors.toMap(TableData::oid, t -> SqlNames.qualified(t.schema(), t.name())));
        for (SchemaObject o : schema.objects(Placement.FOREIGN_KEY)) {
            workers.submit(session -> {
                Instant start = timeline.now();
                tasks.run(session, keys.of(o), StatementRunner.creating(List.of(o)));
                timeline.add(TimelineEntry.Kind.CONSTRAINT, tables.getOrDefault(o.tableOid(), ""), o.name(), session.lane(), start, 0, 0);
            });
        }
        workers.awaitIdle();
        inOrder(workers, tasks, Placement.AFTER_ALL_DATA, schema.objects(Placement.AFTER_ALL_DATA));
    }

    private void sequences(Connection target, SourceSchema schema) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement("SELECT pg_catalog.setval(?::pg_catalog.regclass, ?, ?)")) {
            for (SequenceValue v : schema.sequences()) {
                ps.setString(1, v.qualifiedName());
                ps.setLong(2, v.lastValue());
                ps.setBoolean(3, v.called());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Each large object in a transaction of its own, side by side on the workers. */
    private static void largeObjects(Workers workers, TaskRunner tasks, SourceSchema schema) throws Exception {
        for (LargeObject lo : schema.largeObjects()) {
            workers.submit(session -> tasks.run(session, TaskKeys.largeObject(lo), s -> {
                copyLargeObject(s.source(), s.target(), lo);
                return Journal.Outcome.NONE;
            }));
        }
        workers.awaitIdle();
    }

    private static void copyLargeObject(Connection source, Connection target, LargeObject lo) throws SQLException {
        try (PreparedStatement create = target.prepareStatement("SELECT pg_catalog.lo_create(?)");
             PreparedStatement put = target.prepareStatement("SELECT pg_catalog.lo_put(?, ?, ?)");
             PreparedStatement read = source.prepareStatement("SELECT pg_catalog.lo_get(?, ?, ?)")) {
            create.setLong(1, lo.oid());
            create.execute();
            long offset = 0;
            while (true) {
                read.setLong(1, lo.oid());
                read.setLong(2, offset);
                read.setInt(3, LARGE_OBJECT_CHUNK);
                byte[] chunk;
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    chunk = rs.getBytes(1);
                }
                if (chunk == null || chunk.length == 0) {
                    break;
                }
                put.setLong(1, lo.oid());
                put.setLong(2, offset);
                put.setBytes(3, chunk);
                put.execute();
                offset += chunk.length;
                if (chunk.length < LARGE_OBJECT_CHUNK) {
                    break;
                }
            }
        }
        for (String sql : lo.metadataStatements()) {
            StatementRunner.run(target, "Restoring large object " + lo.oid(), sql);
        }
    }

    /**
     * Tables were analyzed as each finished loading; what is left is the relations whose statistics
     * need others first: partitioned tables (sampled across their partitions) and materialized views.
     */
    private static void analyzeTheRest(Connection target, SourceSchema schema) {
        List<String> rest = schema.objects().stream()
                .filter(o -> o.kind().equals("partitioned table") || o.kind().equals("materialized view"))
                .map(SchemaObject::name).toList();
        if (!rest.isEmpty()) {
            StatementRunner.run(target, "Collecting statistics of partitioned tables and materialized views", "ANALYZE " + String.join(", ", rest));
        }
    }

    private static void materializedViews(Workers workers, TaskRunner tasks, SourceSchema schema) throws Exception {
        for (String refresh : schema.matviewRefreshes()) {
            runTask(workers, tasks, TaskKeys.refresh(refresh), session -> {
                StatementRunner.run(session.target(), refresh, refresh);
                return Journal.Outcome.NONE;
            });
        }
        inOrder(workers, tasks, Placement.MATVIEW_POST_DATA, schema.objects(Placement.MATVIEW_POST_DATA));
        // nothing the migration runs after this fires an event trigger (ANALYZE does not)
        inOrder(workers, tasks, Placement.LAST, schema.objects(Placement.LAST));
    }

    @FunctionalInterface
    private interface PhaseBody<T> {
        T run() throws Exception;
    }

    @FunctionalInterface
    private interface VoidPhaseBody {
        void run() throws Exception;
    }

    private void phase(Phase phase, VoidPhaseBody body) throws Exception {
        phase(phase, () -> {
            body.run();
            return null;
        });
    }

    private <T> T phase(Phase phase, PhaseBody<T> body) throws Exception {
        cancellation.check();
        if (online != null) {
            online.beforePhase(phase);
        }
        MDC.put("pgmigrate.phase", phase.name());
        LOG.info("Phase {} started", phase);
        listener.phaseStarted(phase);
        Instant start = clock.instant();
        T value = body.run();
        PhaseResult result = PhaseResult.of(phase, start, clock.instant());
        phases.add(result);
        LOG.info("Phase {} finished in {} ms", phase, result.duration().toMillis());
        listener.phaseFinished(result);
        return value;
    }

    private static String database(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_catalog.current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static ServerInfo serverInfo(Connection c, String endpoint) throws SQLException {
        try (Statement s = c.createStatement();
             // the size needs CONNECT on the database or pg_read_all_stats: asked only then, so that the query cannot fail
             ResultSet rs = s.executeQuery("SELECT pg_catalog.current_setting('server_version_num')::int, pg_catalog.current_database(),"
                     + " CASE WHEN pg_catalog.has_database_privilege(pg_catalog.current_database(), 'CONNECT')"
                     + " OR pg_catalog.pg_has_role('pg_read_all_stats', 'MEMBER')"
                     + " THEN pg_catalog.pg_database_size(pg_catalog.current_database()) END")) {
            rs.next();
            long size = rs.getLong(3);
            return ServerInfo.builder().versionNumber(rs.getInt(1)).database(rs.getString(2)).endpoint(endpoint)
                    .databaseBytes(rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(size)).build();
        }
    }

    /** The work finished so far, once both servers are known; for the live status page, from its thread. */
    Optional<MigrationResult> progress() {
        return sourceInfo == null || targetInfo == null ? Optional.empty() : Optional.of(result(false));
    }

    private MigrationResult result(boolean completed) {
        synchronized (tables) {
            return MigrationResult.builder()
                    .migrationId(migrationId)
                    .mode(request.mode())
                    .source(sourceInfo)
                    .target(targetInfo)
                    .startedAt(startedAt)
                    .duration(Duration.between(startedAt, clock.instant()))
                    .phases(List.copyOf(phases))
                    .tables(List.copyOf(tables))
                    .objects(Map.copyOf(objectCounts))
                    .warnings(List.copyOf(warnings))
                    .timeline(timeline.entries())
                    .completed(completed)
                    .jobs(request.jobs())
                    .putOptions("copyFormat", request.copyFormat().name())
                    .putOptions("verification", request.verification().name())
                    .putOptions("splitTablesLargerThan", String.valueOf(request.splitTablesLargerThan()))
                    .putOptions("indexBuildMemory", String.valueOf(request.indexBuildMemory()))
                    .putOptions("maxSourceBytesPerSecond", request.maxSourceBytesPerSecond().isPresent()
                            ? String.valueOf(request.maxSourceBytesPerSecond().getAsLong()) : "unlimited")
                    .putOptions("copyStrategies", request.copyStrategies().isEmpty() ? "built-in"
                            : request.copyStrategies().stream().map(s -> s.getClass().getName()).collect(Collectors.joining(", ")) + ", built-in")
                    .verification(Optional.ofNullable(verification))
                    .build();
        }
    }
}
