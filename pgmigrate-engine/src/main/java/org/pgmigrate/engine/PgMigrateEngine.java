package org.pgmigrate.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationOption;
import org.pgmigrate.MigrationPlan;
import org.pgmigrate.MigrationRequest;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.RoleSelection;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.VerificationReport;
import org.pgmigrate.engine.internal.OfflineMigration;
import org.pgmigrate.engine.internal.ServerMigration;
import org.pgmigrate.engine.internal.StandaloneVerification;
import org.pgmigrate.engine.internal.ValidationRun;
import org.pgmigrate.engine.internal.online.CutoverRequest;
import org.pgmigrate.engine.internal.online.OnlineMigration;
import org.pgmigrate.engine.internal.online.StoppedMigration;
import org.pgmigrate.engine.internal.run.Cancellation;
import org.pgmigrate.engine.internal.run.GuardedListener;
import org.pgmigrate.engine.internal.run.MigrationIds;
import org.pgmigrate.engine.internal.run.OfflineHandle;
import org.pgmigrate.engine.internal.status.StatusHandle;
import org.pgmigrate.engine.internal.status.StatusServer;
import org.pgmigrate.engine.internal.status.StatusTracker;
import org.pgmigrate.spi.MigrationEngine;

/** The engine the API finds with {@link java.util.ServiceLoader}. */
public final class PgMigrateEngine implements MigrationEngine {
    private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

    @Override
    public MigrationResult execute(MigrationRequest request) {
        if (request.option() == MigrationOption.VALIDATE) {
            // validating online prerequisites needs no online engine
            return ValidationRun.validateOnly(request);
        }
        // online: copies, streams, and ends with a cutover requested through the target (pgmigrate cutover);
        // offline: the same run as start() gives, on a thread of its own
        try (MigrationHandle handle = start(request)) {
            try {
                return handle.await(FOREVER).orElseThrow();
            } catch (InterruptedException e) {
                // the caller's thread was interrupted: the run stops as it would if cancelled
                handle.cancel();
                Thread.currentThread().interrupt();
                return handle.await();
            }
        }
    }

    /** The request with its listener guarded: what the listener throws fails the run, naming it. */
    private static MigrationRequest guarded(MigrationRequest request) {
        return MigrationRequest.builder().from(request).listener(GuardedListener.of(request.listener())).build();
    }

    @Override
    public MigrationHandle start(MigrationRequest unguarded) {
        MigrationRequest request = guarded(unguarded);
        if (request.statusAddress().isEmpty()) {
            return run(request);
        }
        StatusTracker tracker = new StatusTracker(request.listener(), request.mode(), request.clock());
        // listening first: a port in use refuses the run before it changes anything
        StatusServer server = StatusServer.start(request.statusAddress().get(), tracker);
        try {
            MigrationHandle handle = run(MigrationRequest.builder().from(request).listener(tracker).build());
            tracker.identified(handle.migrationId());
            handle.completion().whenComplete(tracker::ended);
            return new StatusHandle(handle, server);
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    private static MigrationHandle run(MigrationRequest request) {
        if (request.mode() == MigrationMode.ONLINE) {
            return OnlineMigration.start(request);
        }
        String migrationId = MigrationIds.next();
        return OfflineHandle.start(migrationId, request.threadFactory(), cancellation -> switch (request.option()) {
            case VALIDATE -> ValidationRun.validateOnly(request);
            case VALIDATE_AND_MIGRATE -> ValidationRun.validateAndMigrate(request, () -> migrate(request, migrationId, cancellation));
            case MIGRATE -> migrate(request, migrationId, cancellation);
        });
    }

    private static MigrationResult migrate(MigrationRequest request, String migrationId, Cancellation cancellation) {
        if (request.databases().wholeServer() || request.roles() != RoleSelection.NONE) {
            return new ServerMigration(request, migrationId, cancellation).run();
        }
        return new OfflineMigration(request, migrationId, cancellation).run();
    }

    @Override
    public List<String> abandon(MigrationRequest request) {
        return StoppedMigration.abandon(request);
    }

    @Override
    public String requestCutover(Endpoint target, Duration timeout) {
        return CutoverRequest.request(target, timeout, Clock.systemUTC());
    }

    @Override
    public ValidationReport validate(MigrationRequest request) {
        return ValidationRun.validate(request);
    }

    @Override
    public VerificationReport verify(MigrationRequest request) {
        return new StandaloneVerification(guarded(request)).run();
    }

    @Override
    public MigrationPlan plan(MigrationRequest request) {
        return new ServerMigration(request).plan();
    }
}
