package org.pgmigrate.engine;

import org.pgmigrate.ErrorKind;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationOption;
import org.pgmigrate.MigrationRequest;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.engine.internal.OfflineMigration;
import org.pgmigrate.spi.MigrationEngine;

/** The engine the API finds with {@link java.util.ServiceLoader}. */
public final class PgMigrateEngine implements MigrationEngine {
    @Override
    public MigrationResult execute(MigrationRequest request) {
        if (request.mode() != MigrationMode.OFFLINE) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "Online migration is not available in this version; use MigrationMode.OFFLINE.");
        }
        if (request.option() != MigrationOption.MIGRATE) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST,
                    "Pre-migration validation is not available in this version; use MigrationOption.MIGRATE.");
        }
        return new OfflineMigration(request).run();
    }
}
