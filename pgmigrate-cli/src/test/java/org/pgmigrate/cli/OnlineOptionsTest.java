package org.pgmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationRequest;
import org.pgmigrate.PgMigrateException;

/** The online options of {@code migrate} and the {@code cutover} command's usage, without servers. */
class OnlineOptionsTest {
    private static final String SOURCE = "postgresql://app@old:5432/shop";
    private static final String TARGET = "postgresql://app@new:5432/shop";

    private static CommandRun run(String... args) {
        return CommandRun.run(Map.of(), builder -> {
            throw new AssertionError("must not migrate");
        }, args);
    }

    @Test
    void aWalLimitWithoutOnlineModeIsAUsageError() {
        CommandRun run = run("migrate", "--source", SOURCE, "--target", TARGET, "--max-retained-wal", "1GB");
        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err).contains("--max-retained-wal only applies with --mode online");
    }

    @Test
    void ddlReplicationIsForOnlineMigrationsAndReachesTheRequest() {
        CommandRun offline = run("migrate", "--source", SOURCE, "--target", TARGET, "--replicate-ddl");
        assertThat(offline.exitCode).as(offline.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(offline.err).contains("--replicate-ddl only applies with --mode online");

        List<MigrationRequest> requests = new ArrayList<>();
        CommandRun.run(Map.of(), builder -> {
            requests.add(builder.request());
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "stop here");
        }, "migrate", "--source", SOURCE, "--target", TARGET, "--mode", "online", "--replicate-ddl");
        assertThat(requests).singleElement().satisfies(r -> assertThat(r.replicateDdl()).isTrue());
    }

    @Test
    void anOnlineMigrationIsResumedWithTheSameCommandAndResume() {
        List<MigrationRequest> requests = new ArrayList<>();
        CommandRun run = CommandRun.run(Map.of(), builder -> {
            requests.add(builder.request());
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "the source went away");
        }, "migrate", "--source", SOURCE, "--target", TARGET, "--mode", "online", "--resume");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.mode()).isEqualTo(MigrationMode.ONLINE);
            assertThat(r.resume()).isTrue();
        });
        assertThat(run("migrate", "--help").out).contains("--resume to stream on", "pgmigrate abandon");
    }

    @Test
    void abandonSaysWhatItDropped() {
        List<MigrationRequest> requests = new ArrayList<>();
        CommandRun run = abandon(builder -> {
            requests.add(builder.request());
            return List.of("on the source: replication slot pgmigrate_m1 and publication pgmigrate_m1", "on the target: the rest");
        }, "abandon", "--source", SOURCE, "--target", TARGET);

        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
        assertThat(run.out).contains("Abandoned the online migration into", "  on the source: replication slot pgmigrate_m1");
        assertThat(requests).singleElement().satisfies(r -> assertThat(r.target().jdbcUrl()).contains("//new:5432/shop"));
    }

    @Test
    void abandonWithNothingToAbandonFails() {
        CommandRun run = abandon(builder -> {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "There is no online migration to resume or abandon");
        }, "abandon", "--source", SOURCE, "--target", TARGET);

        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err).contains("pgmigrate: There is no online migration");
        assertThat(run("abandon").exitCode).isEqualTo(ExitCode.USAGE);
    }

    private static CommandRun abandon(Function<Migration.Builder, List<String>> abandoner, String... args) {
        return CommandRun.run(Map.of(), Backend.LIBRARY.withAbandoner(abandoner), args);
    }

    @Test
    void anUnknownModeIsAUsageError() {
        CommandRun run = run("migrate", "--source", SOURCE, "--target", TARGET, "--mode", "sideways");
        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err).contains("--mode");
    }

    @Test
    void cutoverNeedsTheTarget() {
        CommandRun run = run("cutover");
        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err).contains("--target");
    }

    @Test
    void helpNamesTheOnlineCommands() {
        assertThat(run("--help").out).contains("--mode online", "pgmigrate cutover --target URL");
        assertThat(run("cutover", "--help").out).contains("exits 0 once the cutover is complete");
        assertThat(run("migrate", "--help").out).contains("--mode=offline|online", "--max-retained-wal=SIZE");
    }
}
