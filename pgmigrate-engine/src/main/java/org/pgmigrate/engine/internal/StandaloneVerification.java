package org.pgmigrate.engine.internal;

import java.sql.Connection;
import java.util.Map;
import java.util.Set;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.MigrationRequest;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.VerificationReport;
import org.pgmigrate.engine.internal.copy.Workers;
import org.pgmigrate.engine.internal.jdbc.Connector;
import org.pgmigrate.engine.internal.jdbc.Side;
import org.pgmigrate.engine.internal.roles.RoleCreator;
import org.pgmigrate.engine.internal.run.MigrationIds;
import org.pgmigrate.engine.internal.run.RunThreads;
import org.pgmigrate.engine.internal.run.Timeline;
import org.pgmigrate.engine.internal.schema.SchemaReader;
import org.pgmigrate.engine.internal.schema.SchemaSelection;
import org.pgmigrate.engine.internal.schema.SourceSchema;
import org.pgmigrate.engine.internal.schema.TargetCapabilities;
import org.pgmigrate.engine.internal.schema.TargetRoles;
import org.pgmigrate.engine.internal.schema.UncreatableSelection;
import org.pgmigrate.engine.internal.verify.SourceCatalogRead;
import org.pgmigrate.engine.internal.verify.Verifier;
import org.slf4j.MDC;

/** Compares a target with a source on request, after a migration or independently of one. */
public final class StandaloneVerification {
    private final MigrationRequest request;

    public StandaloneVerification(MigrationRequest request) {
        this.request = request;
    }

    public VerificationReport run() {
        String id = MigrationIds.next();
        MDC.put("pgmigrate.migration", id);
        Connector sourceConnector = new Connector(request.source(), Side.SOURCE);
        Connector targetConnector = new Connector(request.target(), Side.TARGET);
        SourceCatalogRead sourceCatalogs = null;
        try (Connection source = sourceConnector.open(); Connection target = targetConnector.open()) {
            int sourceVersion = OfflineMigration.serverInfo(source, request.source().toString()).versionNumber();
            int targetVersion = OfflineMigration.serverInfo(target, request.target().toString()).versionNumber();
            SourceSnapshot snapshot = SourceSnapshot.export(sourceConnector, source);
            RunThreads threads = new RunThreads(request.threadFactory(), id, this);
            // the source's catalogs are read beside its schema, which the tables' comparison needs first
            sourceCatalogs = SourceCatalogRead.start(snapshot.join(), threads, Timeline.NONE);
            SourceSchema expected = SchemaReader.read(source, sourceVersion, targetVersion,
                    new TargetRoles(RoleCreator.roleNames(target)), Preflight.availableExtensions(target),
                    new SchemaReader.Options(request.subscriptions(), Set.of(), TargetCapabilities.read(source, target, request.tablespaces())));
            // a filtered migration is compared on what it migrated
            SchemaSelection.apply(source, expected, request.filter());
            if (request.leaveOutUncreatableObjects()) {
                // and one that left out what the target cannot create, without it: the target still cannot create it
                UncreatableSelection.of(source, expected, Preflight.uncreatable(source, target)).leaveOut(source, expected);
            }
            try (Workers workers = new Workers(request.jobs(), threads, snapshot::join, targetConnector::open)) {
                return new Verifier(request.listener(), request.clock(), request.splitTablesLargerThan(), sourceVersion, targetVersion,
                        Connector.rawBytes(sourceConnector, source, targetConnector, target), false, Timeline.NONE).verify(expected, workers, source, target, Map.of(), sourceCatalogs);
            }
        } catch (PgMigrateException e) {
            throw e;
        } catch (Exception e) {
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "Verification could not run: " + e.getMessage(), e);
        } finally {
            Connector.closeQuietly(sourceCatalogs);
            MDC.remove("pgmigrate.migration");
        }
    }
}
