package org.pgmigrate.engine.internal.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.pgmigrate.DataPlan;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.IndexResult;
import org.pgmigrate.MigrationFailedException;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.ReplicationLag;
import org.pgmigrate.TableProgress;
import org.pgmigrate.TableResult;
import org.pgmigrate.TableVerification;
import org.pgmigrate.VerificationReport;

/**
 * Follows a run through the events its listener gets, passing each on to the caller's listener,
 * and tells where the run stands ({@link #status()}). Events come from several workers at once.
 */
public final class StatusTracker implements MigrationListener {
    /** Lag measurements kept for the page's chart: about ten minutes at one a second. */
    static final int LAG_HISTORY = 600;

    private final MigrationListener next;
    private final MigrationMode mode;
    private final Clock clock;
    private final Instant startedAt;

    private String migrationId;
    private Phase phase;
    private final List<PhaseResult> phases = new ArrayList<>();
    private long plannedTables;
    private long estimatedRows;
    private long estimatedBytes;
    private boolean planned;
    private Instant copyStartedAt;
    private long tablesDone;
    private long rowsDone;
    private long bytesDone;
    private final Map<String, TableProgress> inFlight = new LinkedHashMap<>();
    private long tablesVerified;
    private long tablesDiffering;
    private long warnings;
    private final ArrayDeque<ReplicationLag> lags = new ArrayDeque<>();
    private String state = "running";
    private String error;
    private MigrationResult endResult;

    public StatusTracker(MigrationListener next, MigrationMode mode, Clock clock) {
        this.next = next;
        this.mode = mode;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** The run's id, once it has one. */
    public synchronized void identified(String id) {
        migrationId = id;
    }

    /** How the run ended: with its result, or with what it threw. */
    public synchronized void ended(MigrationResult result, Throwable failure) {
        if (failure == null) {
            state = result.completed() ? "completed" : "failed";
            endResult = result;
            return;
        }
        Throwable cause = failure.getCause() != null && !(failure instanceof PgMigrateException) ? failure.getCause() : failure;
        state = cause instanceof PgMigrateException p && p.kind() == ErrorKind.CANCELLED ? "cancelled" : "failed";
        error = cause.getMessage();
        if (cause instanceof MigrationFailedException f) {
            endResult = f.partialResult();
        }
    }

    /** The run's result once it ended (a failed run's partial one), else its work so far when it can tell. */
    Optional<MigrationResult> result() {
        String id;
        synchronized (this) {
            if (endResult != null || !state.equals("running")) {
                return Optional.ofNullable(endResult);
            }
            id = migrationId;
        }
        return id == null ? Optional.empty() : LiveResults.of(id);
    }

    public synchronized RunStatus status() {
        Instant now = clock.instant();
        long rows = rowsDone;
        long bytes = bytesDone;
        for (TableProgress p : inFlight.values()) {
            rows += p.rows();
            bytes += p.bytes();
        }
        double seconds = copyStartedAt == null ? 0 : Math.max(0.001, Duration.between(copyStartedAt, now).toMillis() / 1000.0);
        double rowsPerSecond = seconds == 0 ? 0 : rows / seconds;
        double bytesPerSecond = seconds == 0 ? 0 : bytes / seconds;
        Optional<Duration> remaining = Optional.empty();
        if (planned && phase == Phase.DATA && bytesPerSecond > 0 && estimatedBytes > bytes) {
            remaining = Optional.of(Duration.ofMillis((long) ((estimatedBytes - bytes) / bytesPerSecond * 1000)));
        }
        return new RunStatus(Optional.ofNullable(migrationId), mode, state, Optional.ofNullable(phase), startedAt,
                Duration.between(startedAt, now), List.copyOf(phases),
                planned ? OptionalLong.of(plannedTables) : OptionalLong.empty(),
                planned ? OptionalLong.of(estimatedRows) : OptionalLong.empty(),
                planned ? OptionalLong.of(estimatedBytes) : OptionalLong.empty(),
                tablesDone, List.copyOf(inFlight.values()), rows, bytes, rowsPerSecond, bytesPerSecond, remaining,
                tablesVerified, tablesDiffering, warnings, Optional.ofNullable(lags.peekLast()), List.copyOf(lags),
                Optional.ofNullable(error));
    }

    @Override
    public void phaseStarted(Phase started) {
        synchronized (this) {
            phase = started;
        }
        next.phaseStarted(started);
    }

    @Override
    public void phaseFinished(PhaseResult result) {
        synchronized (this) {
            phases.add(result);
        }
        next.phaseFinished(result);
    }

    @Override
    public void dataPlanned(DataPlan plan) {
        synchronized (this) {
            // a whole server plans each database: the sums are the run's
            planned = true;
            plannedTables += plan.tables();
            estimatedRows += plan.estimatedRows();
            estimatedBytes += plan.estimatedBytes();
        }
        next.dataPlanned(plan);
    }

    @Override
    public void tableStarted(String qualifiedName) {
        synchronized (this) {
            Instant now = clock.instant();
            if (copyStartedAt == null) {
                copyStartedAt = now;
            }
            inFlight.put(qualifiedName, TableProgress.builder().qualifiedName(qualifiedName).rows(0).bytes(0)
                    .elapsed(Duration.ZERO).build());
        }
        next.tableStarted(qualifiedName);
    }

    @Override
    public void tableProgress(TableProgress progress) {
        synchronized (this) {
            inFlight.put(progress.qualifiedName(), progress);
        }
        next.tableProgress(progress);
    }

    @Override
    public void indexBuilt(IndexResult index) {
        next.indexBuilt(index);
    }

    @Override
    public void tableCopied(TableProgress copied) {
        next.tableCopied(copied);
    }

    @Override
    public void tableFinished(TableResult result) {
        synchronized (this) {
            inFlight.remove(result.qualifiedName());
            tablesDone++;
            rowsDone += result.rows();
            bytesDone += result.bytes();
        }
        next.tableFinished(result);
    }

    @Override
    public void warning(MigrationWarning warning) {
        synchronized (this) {
            warnings++;
        }
        next.warning(warning);
    }

    @Override
    public void tableVerified(TableVerification verification) {
        synchronized (this) {
            tablesVerified++;
            if (!verification.equal()) {
                tablesDiffering++;
            }
        }
        next.tableVerified(verification);
    }

    @Override
    public void verificationFinished(VerificationReport report) {
        next.verificationFinished(report);
    }

    @Override
    public void lagMeasured(ReplicationLag lag) {
        synchronized (this) {
            if (lags.size() == LAG_HISTORY) {
                lags.removeFirst();
            }
            lags.addLast(lag);
        }
        next.lagMeasured(lag);
    }
}
