package org.pgmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pgmigrate.testkit.PostgresServer;
import org.pgmigrate.testkit.TestDatabase;

/** {@code migrate --mode online} streams until {@code cutover --target URL}, run as from another shell. */
class OnlineCommandIT {
    @Test
    void anOnlineMigrationStreamsUntilTheCutoverCommandFinishesIt() throws Exception {
        try (PostgresServer sourceServer = PostgresServer.builder(17).setting("wal_level", "logical").start();
             PostgresServer targetServer = PostgresServer.start(17);
             TestDatabase source = sourceServer.createDatabase();
             TestDatabase target = targetServer.createDatabase()) {
            source.execute("CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text);"
                    + "INSERT INTO orders (note) SELECT 'order ' || g FROM generate_series(1, 1000) g");
            String targetUri = targetServer.uri(PostgresServer.SUPERUSER, target.name());

            CommandRun noMigration = CommandRun.runPublic("cutover", "--target", targetUri);
            assertThat(noMigration.exitCode).as(noMigration.toString()).isEqualTo(ExitCode.FAILED);
            assertThat(noMigration.err).contains("No online migration is streaming into this target");

            CompletableFuture<CommandRun> migrate = CompletableFuture.supplyAsync(() -> CommandRun.runPublic("migrate", "--mode", "online",
                    "--source", sourceServer.uri(PostgresServer.SUPERUSER, source.name()), "--target", targetUri, "--jobs", "2"));
            awaitStreaming(target, migrate);
            source.execute("INSERT INTO orders (note) SELECT 'later ' || g FROM generate_series(1, 500) g; DELETE FROM orders WHERE id < 10");
            Thread.sleep(2500); // a lag line or two

            CommandRun cutover = CommandRun.runPublic("cutover", "--target", targetUri);
            CommandRun migration = migrate.get(3, TimeUnit.MINUTES);

            assertThat(cutover.exitCode).as(cutover.toString()).isZero();
            assertThat(cutover.out).contains("complete");
            assertThat(migration.exitCode).as(migration.toString()).isZero();
            assertThat(migration.out).contains("STREAM started", "streaming: lag", "CUTOVER finished", "VERIFY finished");
            assertThatDatabase(target).isEquivalentTo(source);
            assertThat(target.queryValue("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgmigrate'")).isEqualTo("0");
            assertThat(source.queryValue("SELECT count(*) FROM pg_replication_slots")).isEqualTo("0");
        }
    }

    private static void awaitStreaming(TestDatabase target, CompletableFuture<CommandRun> migrate) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (migrate.isDone()) {
                throw new AssertionError("the migration ended early: " + migrate.join());
            }
            // The pgmigrate schema (journal) appears before the control table does: check for the table itself.
            boolean streaming = "t".equals(target.queryValue("SELECT pg_catalog.to_regclass('pgmigrate.online_control') IS NOT NULL"))
                    && "STREAMING".equals(target.queryValue("SELECT coalesce(max(state), '') FROM pgmigrate.online_control"));
            if (streaming) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the migration did not start streaming");
    }
}
