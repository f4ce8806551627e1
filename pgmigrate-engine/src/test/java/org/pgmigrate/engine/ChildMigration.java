package org.pgmigrate.engine;

import org.pgmigrate.Endpoint;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.TableProgress;
import org.pgmigrate.testkit.PostgresServer;

/**
 * A migration in a process of its own, for tests that kill it: args are the source and target
 * JDBC URLs (superuser); prints {@code PROGRESS} once rows are flowing, and throttles the copy so
 * that it lasts long enough to be killed in the middle.
 */
public final class ChildMigration {
    private ChildMigration() {}

    public static void main(String[] args) {
        Endpoint source = Endpoint.builder().jdbcUrl(args[0]).user(PostgresServer.SUPERUSER).build();
        Endpoint target = Endpoint.builder().jdbcUrl(args[1]).user(PostgresServer.SUPERUSER).build();
        Migration.from(source).to(target).jobs(2).throttle(2_000_000).listener(new MigrationListener() {
            @Override
            public void tableProgress(TableProgress progress) {
                System.out.println("PROGRESS " + progress.qualifiedName() + " " + progress.rows());
                System.out.flush();
            }
        }).execute();
        System.out.println("COMPLETED");
    }
}
