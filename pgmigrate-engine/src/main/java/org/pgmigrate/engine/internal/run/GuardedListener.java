package org.pgmigrate.engine.internal.run;

import org.pgmigrate.DataPlan;
import org.pgmigrate.IndexResult;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.ReplicationLag;
import org.pgmigrate.TableProgress;
import org.pgmigrate.TableResult;
import org.pgmigrate.TableVerification;
import org.pgmigrate.VerificationReport;

/**
 * The caller's listener, whose failures fail the run: whatever it throws (an {@link Error}
 * too) becomes a {@link ListenerFailure} naming the listener's class and the event, so a
 * broken listener is told apart from a broken migration, and never ends a worker unnoticed.
 */
public final class GuardedListener implements MigrationListener {
    private final MigrationListener listener;

    private GuardedListener(MigrationListener listener) {
        this.listener = listener;
    }

    /** {@code listener} guarded; the listener that ignores everything needs no guard. */
    public static MigrationListener of(MigrationListener listener) {
        return listener == MigrationListener.NONE || listener instanceof GuardedListener ? listener : new GuardedListener(listener);
    }

    /** What the caller's listener threw, with the event it was given. */
    public static final class ListenerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ListenerFailure(MigrationListener listener, String event, Throwable cause) {
            super("The migration listener " + listener.getClass().getName() + " threw from " + event + ": " + cause, cause);
        }
    }

    private void call(String event, Runnable delivery) {
        try {
            delivery.run();
        } catch (RuntimeException | Error e) {
            throw new ListenerFailure(listener, event, e);
        }
    }

    @Override
    public void phaseStarted(Phase phase) {
        call("phaseStarted(" + phase + ")", () -> listener.phaseStarted(phase));
    }

    @Override
    public void phaseFinished(PhaseResult result) {
        call("phaseFinished(" + result.phase() + ")", () -> listener.phaseFinished(result));
    }

    @Override
    public void dataPlanned(DataPlan plan) {
        call("dataPlanned", () -> listener.dataPlanned(plan));
    }

    @Override
    public void tableStarted(String qualifiedName) {
        call("tableStarted(" + qualifiedName + ")", () -> listener.tableStarted(qualifiedName));
    }

    @Override
    public void tableProgress(TableProgress progress) {
        call("tableProgress(" + progress.qualifiedName() + ")", () -> listener.tableProgress(progress));
    }

    @Override
    public void indexBuilt(IndexResult index) {
        call("indexBuilt", () -> listener.indexBuilt(index));
    }

    @Override
    public void tableCopied(TableProgress copied) {
        call("tableCopied", () -> listener.tableCopied(copied));
    }

    @Override
    public void tableFinished(TableResult result) {
        call("tableFinished", () -> listener.tableFinished(result));
    }

    @Override
    public void warning(MigrationWarning warning) {
        call("warning(" + warning.code() + ")", () -> listener.warning(warning));
    }

    @Override
    public void tableVerified(TableVerification verification) {
        call("tableVerified", () -> listener.tableVerified(verification));
    }

    @Override
    public void verificationFinished(VerificationReport report) {
        call("verificationFinished", () -> listener.verificationFinished(report));
    }

    @Override
    public void lagMeasured(ReplicationLag lag) {
        call("lagMeasured", () -> listener.lagMeasured(lag));
    }
}
