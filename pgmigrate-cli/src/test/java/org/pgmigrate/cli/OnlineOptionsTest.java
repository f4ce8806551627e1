package org.pgmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

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
    void resumingIsForOfflineMigrations() {
        CommandRun run = run("migrate", "--source", SOURCE, "--target", TARGET, "--mode", "online", "--resume");
        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err).contains("--resume only applies to offline migrations");
        assertThat(run("migrate", "--help").out).contains("--resume", "Ctrl-C (or SIGTERM) cancels a migration");
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
