package org.pgmigrate.engine.internal.status;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.ReplicationLag;

/** A run's handle whose status is served until the handle is closed, so a poller sees how it ended. */
public final class StatusHandle implements MigrationHandle {
    private final MigrationHandle run;
    private final StatusServer server;

    public StatusHandle(MigrationHandle run, StatusServer server) {
        this.run = run;
        this.server = server;
    }

    @Override
    public Optional<URI> statusPage() {
        return Optional.of(server.page());
    }

    @Override
    public String migrationId() {
        return run.migrationId();
    }

    @Override
    public boolean awaitCaughtUp(Duration timeout) {
        return run.awaitCaughtUp(timeout);
    }

    @Override
    public ReplicationLag lag() {
        return run.lag();
    }

    @Override
    public MigrationResult cutover() {
        return run.cutover();
    }

    @Override
    public MigrationResult await() {
        return run.await();
    }

    @Override
    public Optional<MigrationResult> await(Duration timeout) throws InterruptedException {
        return run.await(timeout);
    }

    @Override
    public CompletionStage<MigrationResult> completion() {
        return run.completion();
    }

    @Override
    public void cancel() {
        run.cancel();
    }

    @Override
    public void close() {
        try {
            run.close();
        } finally {
            server.close();
        }
    }
}
