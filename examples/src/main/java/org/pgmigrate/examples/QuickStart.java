package org.pgmigrate.examples;

import org.pgmigrate.Migration;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.cli.console.ConsoleProgress;
import org.pgmigrate.cli.console.Summary;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.SampleDatabase;
import org.pgmigrate.testkit.TestDatabase;

/**
 * Migrates a sample shop database from one PostgreSQL 17 server to another, both embedded, so it
 * runs anywhere Java does: {@code mvn -B -ntp -Pdemo -DskipTests package}.
 */
public final class QuickStart {
    private QuickStart() {}

    public static void main(String[] args) {
        System.out.println("Starting two PostgreSQL 17 servers and loading the sample database...");
        MigrationResult result = run(Runtime.getRuntime().availableProcessors(), ConsoleProgress.forOutput(System.out, false));
        System.out.print(Summary.format(result));
    }

    /** Starts a source and a target server, fills the source, migrates it, and stops both. */
    public static MigrationResult run(int jobs, MigrationListener progress) {
        try (PostgresServer sourceServer = PostgresServer.start(17);
             PostgresServer targetServer = PostgresServer.start(17);
             TestDatabase source = sourceServer.createDatabase("shop");
             TestDatabase target = targetServer.createDatabase("shop")) {

            SampleDatabase.load(source);
            SampleDatabase.createRoles(target); // roles belong to the server; the sample's owners must exist there

            MigrationResult result = Migration.from(source.endpoint())
                    .to(target.endpoint())
                    .mode(MigrationMode.OFFLINE)
                    .jobs(jobs)
                    .listener(progress)
                    .execute();
            return result;
        }
    }
}
