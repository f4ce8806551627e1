package org.pgmigrate.engine;

import org.pgmigrate.ErrorKind;
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
import org.pgmigrate.spi.MigrationEngine;

/** The engine the API finds with {@link java.util.ServiceLoader}. */
public final class PgMigrateEngine implements MigrationEngine {
    @Override
    public MigrationResult execute(MigrationRequest request) {
        if (request.option() == MigrationOption.VALIDATE) {
            // validating online prerequisites needs no online engine
            return ValidationRun.validateOnly(request);
        }
        if (request.mode() != MigrationMode.OFFLINE) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "Online migration is not available in this version; use MigrationMode.OFFLINE.");
        }
        if (request.option() == MigrationOption.VALIDATE_AND_MIGRATE) {
            return ValidationRun.validateAndMigrate(request, () -> migrate(request));
        }
        return migrate(request);
    }

    private static MigrationResult migrate(MigrationRequest request) {
        if (request.databases().wholeServer() || request.roles() != RoleSelection.NONE) {
            return new ServerMigration(request).run();
        }
        return new OfflineMigration(request).run();
    }

    @Override
    public ValidationReport validate(MigrationRequest request) {
        return ValidationRun.validate(request);
    }

    @Override
    public VerificationReport verify(MigrationRequest request) {
        return new StandaloneVerification(request).run();
    }

    @Override
    public MigrationPlan plan(MigrationRequest request) {
        return new ServerMigration(request).plan();
    }
}
