package org.pgmigrate.engine.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.pgmigrate.DatabaseSelection;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.MigrationFailedException;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationPlan;
import org.pgmigrate.MigrationRequest;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.RoleReport;
import org.pgmigrate.RoleSelection;
import org.pgmigrate.ServerInfo;
import org.pgmigrate.TableResult;
import org.pgmigrate.engine.internal.jdbc.Connector;
import org.pgmigrate.engine.internal.jdbc.Side;
import org.pgmigrate.engine.internal.jdbc.Sql;
import org.pgmigrate.engine.internal.journal.Journal;
import org.pgmigrate.engine.internal.roles.RoleCreator;
import org.pgmigrate.engine.internal.roles.RolePolicy;
import org.pgmigrate.engine.internal.roles.SourceRoles;
import org.pgmigrate.engine.internal.run.Cancellation;
import org.pgmigrate.engine.internal.run.MigrationIds;
import org.pgmigrate.engine.internal.run.RunThreads;
import org.pgmigrate.engine.internal.schema.Tablespaces;
import org.pgmigrate.engine.internal.status.LiveResults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A migration at server level: the roles the databases need (or all, or none), the databases
 * themselves when several are selected, then one {@link OfflineMigration} per database, one after
 * another or side by side. Every check that can refuse the migration runs before the target
 * changes.
 */
public final class ServerMigration {
    private static final Logger LOG = LoggerFactory.getLogger(ServerMigration.class);
    /** Connected to when a whole-server URL names no database. */
    static final String MAINTENANCE_DATABASE = "postgres";

    private final MigrationRequest request;
    private final MigrationListener listener;
    private final String migrationId;
    private final Cancellation cancellation;
    private final List<PhaseResult> phases = new ArrayList<>();
    private final List<MigrationWarning> warnings = Collections.synchronizedList(new ArrayList<>());
    private final List<MigrationResult> databaseResults = Collections.synchronizedList(new ArrayList<>());
    /** Each database's work so far, in the order they started, for the live status page. */
    private final List<AtomicReference<Supplier<Optional<MigrationResult>>>> liveDatabases = Collections.synchronizedList(new ArrayList<>());
    private RoleReport roleReport;
    private ServerInfo sourceInfo;
    private ServerInfo targetInfo;
    private Instant startedAt;

    public ServerMigration(MigrationRequest request) {
        this(request, MigrationIds.next(), new Cancellation());
    }

    /**
     * A migration that {@code cancellation} stops: every connection it opens, its databases'
     * migrations' included, goes through it, and no database starts once it is cancelled. The
     * databases' migrations share {@code migrationId}.
     */
    public ServerMigration(MigrationRequest request, String migrationId, Cancellation cancellation) {
        this.request = request;
        this.listener = request.listener();
        this.migrationId = migrationId;
        this.cancellation = cancellation;
    }

    public MigrationResult run() {
        // registered before the databases' own migrations, which share the id: the page shows them all
        try (LiveResults.Registration live = LiveResults.register(migrationId, this::progress)) {
            return runRegistered();
        }
    }

    private MigrationResult runRegistered() {
        List<DatabasePair> databases;
        try {
            databases = onServers((source, target, prepared) -> {
                createRoles(target, prepared);
                if (request.databases().wholeServer()) {
                    phase(Phase.DATABASES, () -> createDatabases(source, target, prepared.databases(), prepared.existingDatabases()));
                }
                return prepared.databases();
            });
        } catch (PgMigrateException e) {
            if (!cancellation.cancelled()) {
                throw e;
            }
            boolean targetChanged = !phases.isEmpty();
            String message = Cancellation.message(migrationId, targetChanged);
            throw targetChanged ? new MigrationFailedException(ErrorKind.CANCELLED, message, result(false), e)
                    : new PgMigrateException(ErrorKind.CANCELLED, message, e);
        }
        migrateDatabases(databases);
        if (request.databases().wholeServer()) {
            removeJournals(databases);
        }
        return result(true);
    }

    private Connector connector(Endpoint endpoint, Side side) {
        return cancellation.tracking(new Connector(endpoint, side));
    }

    /**
     * The ROLES step alone, for an online migration (which moves one database and does the rest
     * itself): runs the same checks, creates the roles, and says what it did.
     */
    public Optional<RoleReport> rolesOnly() {
        if (request.databases().wholeServer()) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "An online migration moves one database: migrate the others"
                    + " one at a time, or offline with databases(...).");
        }
        onServers((source, target, prepared) -> {
            createRoles(target, prepared);
            return null;
        });
        return Optional.ofNullable(roleReport);
    }

    private void createRoles(Connection target, Prepared prepared) throws SQLException {
        if (request.roles() == RoleSelection.NONE) {
            return;
        }
        phase(Phase.ROLES, () -> roleReport = new RoleCreator(target, targetInfo.versionNumber(), this::warn)
                .create(prepared.roles(), prepared.selectedRoles(), prepared.policy()));
        LOG.info("Roles: {} created, {} already on the target, {} memberships granted", roleReport.created().size(),
                roleReport.existing().size(), roleReport.memberships().size());
    }

    /** What {@link #run()} would do, changing nothing on either server. */
    public MigrationPlan plan() {
        return onServers((source, target, prepared) -> {
            Set<String> existingRoles = RoleCreator.roleNames(target);
            List<String> toCreate = prepared.selectedRoles().stream().filter(r -> !existingRoles.contains(r)).sorted().toList();
            MigrationPlan.Builder out = MigrationPlan.builder()
                    .rolesToCreate(toCreate)
                    .existingRoles(prepared.selectedRoles().stream().filter(existingRoles::contains).sorted().toList())
                    .reservedRoles(prepared.roles() == null ? List.of() : prepared.roles().reserved(prepared.policy()));
            if (request.roles() != RoleSelection.NONE) {
                out.addPhases(Phase.ROLES);
            }
            if (request.databases().wholeServer()) {
                out.addPhases(Phase.DATABASES);
            }
            for (DatabasePair db : prepared.databases()) {
                boolean created = !prepared.existingDatabases().contains(db.target());
                if (created) {
                    out.addDatabasesToCreate(db.target());
                }
                MigrationRequest planned = created ? MigrationRequest.builder().from(db.request())
                        .target(serverEndpoint(request.target(), request.databases())).build() : db.request();
                out.addDatabases(new OfflineMigration(planned).plan(Set.copyOf(toCreate), created));
            }
            return out.build();
        });
    }

    /** What the checks found: the databases, those the target has, and the roles to create. */
    private record Prepared(List<DatabasePair> databases, Set<String> existingDatabases, SourceRoles roles, RolePolicy policy,
                            Set<String> selectedRoles) {}

    @FunctionalInterface
    private interface ServerWork<T> {
        T run(Connection source, Connection target, Prepared prepared) throws SQLException;
    }

    /**
     * Connects to both servers, runs every check that can refuse the migration and finds the
     * roles to create, then hands over to {@code work}.
     */
    private <T> T onServers(ServerWork<T> work) {
        startedAt = request.clock().instant();
        DatabaseSelection selection = request.databases();
        Endpoint sourceServer = serverEndpoint(request.source(), selection);
        Endpoint targetServer = serverEndpoint(request.target(), selection);
        try (Connection source = connector(sourceServer, Side.SOURCE).open();
             Connection target = connector(targetServer, Side.TARGET).open()) {
            sourceInfo = OfflineMigration.serverInfo(source, sourceServer.toString());
            targetInfo = OfflineMigration.serverInfo(target, targetServer.toString());
            Preflight.checkVersions(sourceInfo.versionNumber(), targetInfo.versionNumber());
            List<DatabasePair> databases = databases(source);
            Set<String> existing = targetDatabases(target);
            for (DatabasePair db : databases) {
                checkTargetDatabase(db, existing.contains(db.target()));
            }
            Prepared prepared = new Prepared(databases, existing, null, null, Set.of());
            if (request.roles() != RoleSelection.NONE) {
                RolePolicy policy = RolePolicy.read(source, request.reservedRoles());
                SourceRoles roles = SourceRoles.read(source, sourceInfo.versionNumber());
                Set<String> selected = request.roles() == RoleSelection.ALL ? roles.all(policy)
                        : roles.needed(source, databases.stream().map(DatabasePair::source).toList(), policy);
                prepared = new Prepared(databases, existing, roles, policy, selected);
            }
            return work.run(source, target, prepared);
        } catch (SQLException e) {
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, e.getMessage(), e);
        }
    }

    /** One database to migrate: its name on the source and on the target, and the request for it. */
    private record DatabasePair(String source, String target, MigrationRequest request) {}

    /** The endpoint to read server-wide catalogs through. */
    private static Endpoint serverEndpoint(Endpoint endpoint, DatabaseSelection selection) {
        if (!selection.wholeServer() || endpoint.database().isPresent()) {
            return endpoint;
        }
        return endpoint.withDatabase(MAINTENANCE_DATABASE);
    }

    private List<DatabasePair> databases(Connection source) throws SQLException {
        DatabaseSelection selection = request.databases();
        if (!selection.wholeServer()) {
            return List.of(new DatabasePair(sourceInfo.database(), targetInfo.database(), request));
        }
        List<String> connectable = new ArrayList<>();
        try (Statement s = source.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_catalog.pg_database WHERE datallowconn AND NOT datistemplate"
                     + " AND pg_catalog.has_database_privilege(oid, 'CONNECT') ORDER BY datname")) {
            while (rs.next()) {
                connectable.add(rs.getString(1));
            }
        }
        List<String> names;
        if (selection.kind() == DatabaseSelection.Kind.NAMED) {
            List<String> missing = selection.names().stream().filter(n -> !connectable.contains(n)).toList();
            if (!missing.isEmpty()) {
                throw new PgMigrateException(ErrorKind.DATABASE_NOT_FOUND, "The source has no database " + String.join(", ", missing)
                        + " that the source user may connect to; the source has " + String.join(", ", connectable) + ".");
            }
            names = selection.names();
        } else {
            names = connectable.stream().filter(n -> !selection.excluded().contains(n)).toList();
        }
        if (names.isEmpty()) {
            throw new PgMigrateException(ErrorKind.DATABASE_NOT_FOUND, "No database of the source is selected (" + selection + ").");
        }
        int jobs = Math.max(1, request.jobs() / request.databasesInParallel());
        return names.stream().map(n -> new DatabasePair(n, n, MigrationRequest.builder().from(request)
                .source(request.source().withDatabase(n)).target(request.target().withDatabase(n))
                .databases(DatabaseSelection.endpointDatabase()).roles(RoleSelection.NONE).jobs(jobs).databasesInParallel(1)
                .build())).toList();
    }

    private static Set<String> targetDatabases(Connection target) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("SELECT datname FROM pg_catalog.pg_database")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /**
     * Refuses, before anything changes, a target database that is not empty, or that lacks the
     * source's extensions or tablespaces.
     */
    private void checkTargetDatabase(DatabasePair db, boolean exists) throws SQLException {
        Endpoint targetEndpoint = exists ? db.request().target() : serverEndpoint(request.target(), request.databases());
        try (Connection target = connector(targetEndpoint, Side.TARGET).open();
             Connection source = connector(db.request().source(), Side.SOURCE).open()) {
            if (exists) {
                TargetLock.checkFree(target, db.target());
                Preflight.checkTargetReady(target, db.target(), request.resume());
            }
            Preflight.checkExtensions(Preflight.installedExtensions(source), Preflight.availableExtensions(target));
            Tablespaces.resolve(source, target, request.tablespaces());
            if (!exists) {
                Tablespaces.databaseDefault(source, target, request.tablespaces());
            }
        }
    }

    private void createDatabases(Connection source, Connection target, List<DatabasePair> databases, Set<String> existing) throws SQLException {
        String definition = "SELECT pg_catalog.quote_literal(pg_catalog.pg_encoding_to_char(d.encoding)),"
                + " pg_catalog.quote_literal(d.datcollate), pg_catalog.quote_literal(d.datctype), %s"
                + " FROM pg_catalog.pg_database d WHERE d.datname = ?";
        int version = sourceInfo.versionNumber();
        String provider = version >= 170000 ? "d.datlocprovider, pg_catalog.quote_literal(d.datlocale)"
                : version >= 150000 ? "d.datlocprovider, pg_catalog.quote_literal(d.daticulocale)" : "'c', NULL";
        try (PreparedStatement ps = source.prepareStatement(String.format(definition, provider))) {
            for (DatabasePair db : databases) {
                if (existing.contains(db.target())) {
                    LOG.info("Database {} exists on the target and is empty: migrating into it", db.target());
                    continue;
                }
                ps.setString(1, db.source());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    StringBuilder sql = new StringBuilder("CREATE DATABASE " + Sql.ident(db.target())
                            + " TEMPLATE template0 ENCODING " + rs.getString(1));
                    switch (rs.getString(4)) {
                        case "i" -> sql.append(" LOCALE_PROVIDER icu ICU_LOCALE ").append(rs.getString(5));
                        case "b" -> sql.append(" LOCALE_PROVIDER builtin BUILTIN_LOCALE ").append(rs.getString(5));
                        default -> { }
                    }
                    sql.append(" LC_COLLATE ").append(rs.getString(2)).append(" LC_CTYPE ").append(rs.getString(3));
                    try (Connection sourceDatabase = connector(db.request().source(), Side.SOURCE).open()) {
                        String tablespace = Tablespaces.databaseDefault(sourceDatabase, target, request.tablespaces());
                        if (tablespace != null) {
                            sql.append(" TABLESPACE ").append(Sql.ident(tablespace));
                        }
                    }
                    StatementRunner.run(target, "Creating database " + db.target(), sql.toString());
                }
            }
        }
    }

    private void migrateDatabases(List<DatabasePair> databases) {
        List<DatabaseRuns.Migrate> migrations = databases.stream().<DatabaseRuns.Migrate>map(db -> part -> {
            OfflineMigration migration = new OfflineMigration(db.request(), migrationId, part);
            AtomicReference<Supplier<Optional<MigrationResult>>> live = new AtomicReference<>(migration::progress);
            liveDatabases.add(live);
            MigrationResult result = (request.databases().wholeServer() ? migration.keepingJournal() : migration).run();
            live.set(() -> Optional.of(result));
            return result;
        }).toList();
        DatabaseRuns.Outcomes outcomes;
        try {
            outcomes = DatabaseRuns.run(databases.stream().map(DatabasePair::source).toList(), migrations,
                    request.databasesInParallel(), request.finishOtherDatabasesOnFailure(), cancellation,
                    new RunThreads(request.threadFactory(), migrationId, cancellation));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgMigrateException(ErrorKind.CANCELLED, "Interrupted while migrating databases.", e);
        }
        outcomes.each().stream().map(DatabaseRuns.Outcome::result).filter(Objects::nonNull).forEach(databaseResults::add);
        if (outcomes.firstFailure() >= 0) {
            throw failure(databases.get(outcomes.firstFailure()), outcomes.each().get(outcomes.firstFailure()).failure(), outcomes);
        }
        if (outcomes.each().stream().anyMatch(o -> !o.started())) {
            // cancelled before these databases began
            throw new MigrationFailedException(ErrorKind.CANCELLED, Cancellation.message(migrationId, !phases.isEmpty()) + "\n"
                    + outcomes.describedBeside("", true), result(false), null);
        }
    }

    /**
     * Every database is migrated: their journals go. Until here a resumed run finds each database
     * that completed recorded as such, and skips it.
     */
    private static void removeJournals(List<DatabasePair> databases) {
        for (DatabasePair db : databases) {
            try (Connection target = new Connector(db.request().target(), Side.TARGET).open()) {
                Journal.remove(target);
            } catch (SQLException e) {
                throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Every database was migrated, but removing the journal"
                        + " (schema pgmigrate) from database " + db.target() + " failed: " + e.getMessage()
                        + ". Resume the migration to remove it, or drop the schema pgmigrate yourself.", e);
            }
        }
    }

    private PgMigrateException failure(DatabasePair db, Throwable cause, DatabaseRuns.Outcomes outcomes) {
        PgMigrateException e = cause instanceof PgMigrateException p ? p
                : new PgMigrateException(ErrorKind.MIGRATION_FAILED, String.valueOf(cause.getMessage()), cause);
        if (phases.isEmpty() && databaseResults.isEmpty()) {
            return e;
        }
        String context = e.kind() == ErrorKind.CANCELLED ? "While migrating database " + db.source() + ": " : "Migrating database " + db.source() + " failed: ";
        return new MigrationFailedException(e.kind(), context + e.getMessage() + "\n"
                + outcomes.describedBeside(db.source(), cancellation.cancelled()),
                result(false), e);
    }

    private void warn(MigrationWarning warning) {
        warnings.add(warning);
        LOG.warn("{}", warning);
        listener.warning(warning);
    }

    @FunctionalInterface
    private interface PhaseBody {
        void run() throws SQLException;
    }

    private void phase(Phase phase, PhaseBody body) throws SQLException {
        cancellation.check();
        listener.phaseStarted(phase);
        Instant start = request.clock().instant();
        body.run();
        PhaseResult result = PhaseResult.of(phase, start, request.clock().instant());
        phases.add(result);
        listener.phaseFinished(result);
    }

    /** The work so far: the databases finished and those going on, once one has started. */
    private Optional<MigrationResult> progress() {
        List<MigrationResult> perDatabase;
        synchronized (liveDatabases) {
            perDatabase = liveDatabases.stream().map(d -> d.get().get()).flatMap(Optional::stream).toList();
        }
        return perDatabase.isEmpty() ? Optional.empty() : Optional.of(result(false, perDatabase));
    }

    private MigrationResult result(boolean completed) {
        List<MigrationResult> perDatabase;
        synchronized (databaseResults) {
            perDatabase = List.copyOf(databaseResults);
        }
        return result(completed, perDatabase);
    }

    private MigrationResult result(boolean completed, List<MigrationResult> perDatabase) {
        List<MigrationWarning> allWarnings = new ArrayList<>(warnings);
        if (!request.databases().wholeServer() && perDatabase.size() == 1) {
            // one database: its result, with the server-level phases and roles in front
            MigrationResult only = perDatabase.get(0);
            allWarnings.addAll(only.warnings());
            List<PhaseResult> allPhases = new ArrayList<>(phases);
            allPhases.addAll(only.phases());
            return MigrationResult.builder().from(only).phases(allPhases).warnings(allWarnings)
                    .startedAt(startedAt).duration(Duration.between(startedAt, request.clock().instant()))
                    .roles(Optional.ofNullable(roleReport)).completed(completed && only.completed()).build();
        }
        Map<String, Integer> objects = new TreeMap<>();
        List<TableResult> tables = new ArrayList<>();
        for (MigrationResult r : perDatabase) {
            r.objects().forEach((kind, n) -> objects.merge(kind, n, Integer::sum));
            tables.addAll(r.tables());
            allWarnings.addAll(r.warnings());
        }
        Map<String, String> options = new HashMap<>(perDatabase.isEmpty() ? Map.of() : perDatabase.get(0).options());
        options.put("databases", request.databases().toString());
        options.put("roles", request.roles().name());
        return MigrationResult.builder()
                .migrationId(migrationId)
                .mode(request.mode())
                .source(sourceInfo)
                .target(targetInfo)
                .startedAt(startedAt)
                .duration(Duration.between(startedAt, request.clock().instant()))
                .phases(phases)
                .tables(tables)
                .objects(objects)
                .warnings(allWarnings)
                .jobs(request.jobs())
                .options(options)
                .databases(perDatabase)
                .roles(Optional.ofNullable(roleReport))
                .completed(completed && perDatabase.stream().allMatch(MigrationResult::completed))
                .build();
    }
}
