package org.pgmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pgmigrate.CopyFormat;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationFailedException;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationRequest;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.TablespaceMapping;
import org.pgmigrate.VerificationPolicy;
import org.pgmigrate.cli.console.ConsoleProgress;
import org.pgmigrate.cli.console.SampleResults;

class PgMigrateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = "postgresql://app@old-db:5432/shop";
    private static final String TARGET = "postgresql://app@new-db:5432/shop";

    @TempDir
    Path dir;

    private final AtomicReference<MigrationRequest> executed = new AtomicReference<>();

    /** An executor that records the request and returns {@code result} (or throws it). */
    private Function<Migration.Builder, MigrationResult> returning(MigrationResult result) {
        return builder -> {
            executed.set(builder.request());
            return result;
        };
    }

    private Function<Migration.Builder, MigrationResult> throwing(RuntimeException failure) {
        return builder -> {
            executed.set(builder.request());
            throw failure;
        };
    }

    private CommandRun run(String... args) {
        return CommandRun.run(Map.of(), returning(SampleResults.shop()), args);
    }

    // ---- help and version

    @Test
    void migrateHelpDocumentsEveryOptionExitCodeUrlFormatAndAnExample() {
        CommandRun run = run("migrate", "--help");

        assertThat(run.exitCode).isZero();
        assertThat(run.err).isEmpty();
        assertThat(run.out).startsWith("Usage: pgmigrate migrate --source URL --target URL [options]");
        for (String option : List.of("--source=URL", "--target=URL", "--source-password-env=NAME",
                "--target-password-env=NAME", "--jobs=N", "--report=FILE", "--verbose", "-h, --help",
                "PGMIGRATE_SOURCE_PASSWORD", "PGMIGRATE_TARGET_PASSWORD")) {
            assertThat(run.out).as(option).contains(option);
        }
        assertThat(run.out).contains("postgresql://user[:password]@host[:port]/dbname")
                .contains("jdbc:postgresql://host[:port]/dbname")
                .containsPattern("(?m)^  0 ").containsPattern("(?m)^  1 ").containsPattern("(?m)^  2 ")
                .contains("3  validation failed").contains("4  the copy completed but verification found differences")
                .contains("Example:\n  export PGMIGRATE_SOURCE_PASSWORD");
    }

    @Test
    void helpMentionsEveryOptionTheParserAccepts() {
        String help = run("migrate", "--help").out;
        for (String command : List.of("migrate", "cutover", "abandon", "validate", "verify")) {
            String commandHelp = run(command, "--help").out;
            assertThat(CommandRun.synopses(command)).as(command).isNotEmpty().allSatisfy(option -> assertThat(commandHelp).contains(option));
        }
        assertThat(CommandRun.synopses("migrate")).contains("--source=URL", "--jobs=N", "-h, --help", "--dry-run", "--exclude-table=PATTERN[,...]");
        assertThat(help).contains("--exclude-table=PATTERN[,...]");
    }

    @Test
    void helpWinsOverOtherMistakes() {
        CommandRun run = run("migrate", "--bogus", "-h");

        assertThat(run.exitCode).isZero();
        assertThat(run.out).startsWith("Usage: pgmigrate migrate");
        assertThat(executed).hasValue(null);
    }

    @Test
    void theDemoSaysWhereItWent() {
        CommandRun run = run("demo", "--jobs", "2");

        assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(run.err).contains("the demo is not part of the command line").contains("mvn -B -ntp -Pdemo -DskipTests package");
    }

    @Test
    void topLevelHelpListsCommands() {
        for (String flag : List.of("--help", "-h")) {
            CommandRun run = run(flag);
            assertThat(run.exitCode).isZero();
            assertThat(run.out).contains("pgmigrate migrate --source URL --target URL")
                    .doesNotContain("pgmigrate demo").contains("pgmigrate --version").contains("pgmigrate <command> --help")
                    .contains("Exit codes:");
        }
    }

    @Test
    void versionPrintsTheProjectVersion() {
        CommandRun run = run("--version");

        assertThat(run.exitCode).isZero();
        assertThat(run.out).matches("pgmigrate \\d+\\.\\d+\\.\\d+\\S* \\(Java .+\\)\\R");
    }

    // ---- bad usage

    static Stream<Arguments> badUsage() {
        return Stream.of(
                Arguments.of(List.of(), "missing command: migrate, cutover, abandon, validate or verify", "pgmigrate --help"),
                Arguments.of(List.of("frobnicate"), "unknown command 'frobnicate'", "pgmigrate --help"),
                Arguments.of(List.of("--frobnicate"), "unknown option '--frobnicate'", "pgmigrate --help"),
                Arguments.of(List.of("--version", "extra"), "unexpected argument 'extra'", "pgmigrate --help"),
                Arguments.of(List.of("migrate"), "missing required option --source URL", "pgmigrate migrate --help"),
                Arguments.of(List.of("migrate", "--source", SOURCE), "missing required option --target URL", "pgmigrate migrate --help"),
                Arguments.of(List.of("migrate", "--source"), "option --source needs a value (URL)", "pgmigrate migrate --help"),
                Arguments.of(List.of("migrate", "--source", "--target", TARGET), "option --source needs a value (URL)", "pgmigrate migrate --help"),
                Arguments.of(List.of("migrate", "--source=", "--target", TARGET), "option --source needs a value (URL)", "pgmigrate migrate --help"),
                Arguments.of(List.of("migrate", "--source", SOURCE, "--target", TARGET, "--sourc", SOURCE),
                        "unknown option '--sourc'; did you mean --source?", "pgmigrate migrate --help"),
                Arguments.of(List.of("migrate", "--source", SOURCE, "--target", TARGET, "--threads", "4"),
                        "unknown option '--threads'", "pgmigrate migrate --help"),
                Arguments.of(List.of("migrate", "--source", SOURCE, "--target", TARGET, "-j", "4"),
                        "unknown option '-j'", "pgmigrate migrate --help"),
                Arguments.of(List.of("migrate", "--source", SOURCE, "--source", TARGET, "--target", TARGET),
                        "option --source given more than once", "pgmigrate migrate --help"),
                Arguments.of(List.of("migrate", "--source", SOURCE, "--target", TARGET, "now"),
                        "unexpected argument 'now'", "pgmigrate migrate --help"),
                Arguments.of(List.of("migrate", "--source", SOURCE, "--target", TARGET, "--verbose=yes"),
                        "option --verbose takes no value", "pgmigrate migrate --help"),
                Arguments.of(List.of("migrate", "--source", SOURCE, "--target", TARGET, "--jobs", "many"),
                        "option --jobs must be a whole number from 1 to 256, not 'many'", "pgmigrate migrate --help"),
                Arguments.of(List.of("migrate", "--source", SOURCE, "--target", TARGET, "--jobs", "0"),
                        "option --jobs must be a whole number from 1 to 256, not '0'", "pgmigrate migrate --help"),
                Arguments.of(List.of("migrate", "--source", SOURCE, "--target", TARGET, "--jobs=257"),
                        "option --jobs must be a whole number from 1 to 256, not '257'", "pgmigrate migrate --help"),
                Arguments.of(List.of("migrate", "--source", SOURCE, "--target", TARGET, "--jobs", "2.5"),
                        "option --jobs must be a whole number from 1 to 256, not '2.5'", "pgmigrate migrate --help"),
                Arguments.of(List.of("migrate", "--source", "mysql://app@old-db/shop", "--target", TARGET),
                        "--source: Unsupported connection URL", "pgmigrate migrate --help"),
                Arguments.of(List.of("migrate", "--source", SOURCE, "--target", "old-db:5432/shop"),
                        "--target: Unsupported connection URL", "pgmigrate migrate --help"),
                Arguments.of(List.of("migrate", "--source", SOURCE, "--target", TARGET, "--source-password-env", "NO_SUCH_VARIABLE"),
                        "environment variable NO_SUCH_VARIABLE (named by --source-password-env) is not set", "pgmigrate migrate --help"),
                Arguments.of(List.of("migrate", "--source", SOURCE, "--target", TARGET, "--report", "/no/such/dir/report.json"),
                        "option --report: cannot write '/no/such/dir/report.json'", "pgmigrate migrate --help"),
                Arguments.of(List.of("migrate", "--source", SOURCE, "--target", TARGET, "--status-port", "65536"),
                        "option --status-port must be a whole number from 0 to 65535, not '65536'", "pgmigrate migrate --help"),
                Arguments.of(List.of("migrate", "--source", SOURCE, "--target", TARGET, "--status-address", "0.0.0.0"),
                        "option --status-address only applies with --status-port", "pgmigrate migrate --help"),
                Arguments.of(List.of("demo"), PgMigrateCommand.DEMO_MOVED, "pgmigrate --help"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUsage")
    void badUsageExitsTwoWithOneLineAndAHint(List<String> args, String message, String help) {
        CommandRun run = run(args.toArray(String[]::new));

        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(run.err).as(run.toString())
                .startsWith("pgmigrate: " + message)
                .endsWith("(see '" + help + "')" + System.lineSeparator())
                .hasLineCount(1);
        assertThat(executed).as("no migration may start on bad usage").hasValue(null);
    }

    @Test
    void passwordsInMisplacedArgumentsAreNotEchoed() {
        CommandRun positional = run("migrate", "--source", SOURCE, "--target", TARGET, "postgresql://app:hunter2@x/db");
        CommandRun asNumber = run("migrate", "--source", SOURCE, "--target", TARGET, "--jobs", "jdbc:postgresql://x/db?password=hunter2");
        CommandRun asOption = run("migrate", "--source", SOURCE, "--target", TARGET, "--password=hunter2");
        CommandRun asCommand = run("postgresql://app:hunter2@x/db");

        for (CommandRun run : List.of(positional, asNumber, asOption, asCommand)) {
            assertThat(run.exitCode).isEqualTo(2);
            assertThat(run.out + run.err).as(run.toString()).doesNotContain("hunter2");
        }
        assertThat(positional.err).contains("'postgresql://app:***@x/db'");
        assertThat(asOption.err).contains("unknown option '--password'");
    }

    @Test
    void invalidRequestFromTheEngineIsBadUsage() {
        CommandRun run = CommandRun.run(Map.of(),
                throwing(new PgMigrateException(ErrorKind.INVALID_REQUEST, "Source and target are the same database.")),
                "migrate", "--source", SOURCE, "--target", SOURCE);

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).isEqualTo("pgmigrate: Source and target are the same database. (see 'pgmigrate migrate --help')"
                + System.lineSeparator());
    }

    // ---- what reaches the migration

    @Test
    void buildsAnOfflineMigrationFromTheOptions() {
        CommandRun run = run("migrate", "--source", SOURCE, "--target", "jdbc:postgresql://new-db:6543/shop?user=owner", "--jobs", "3");

        assertThat(run.exitCode).as(run.toString()).isZero();
        MigrationRequest request = executed.get();
        assertThat(request.source().jdbcUrl()).isEqualTo("jdbc:postgresql://old-db:5432/shop");
        assertThat(request.source().user()).hasValue("app");
        assertThat(request.source().password()).isEmpty();
        assertThat(request.target().jdbcUrl()).isEqualTo("jdbc:postgresql://new-db:6543/shop");
        assertThat(request.target().user()).hasValue("owner");
        assertThat(request.mode()).isEqualTo(MigrationMode.OFFLINE);
        assertThat(request.jobs()).isEqualTo(3);
        assertThat(request.listener()).isInstanceOf(ConsoleProgress.class);
    }

    @Test
    void theStatusPageListensOnLoopbackUnlessAnAddressIsGiven() {
        run("migrate", "--source", SOURCE, "--target", TARGET, "--status-port", "8089");
        assertThat(executed.get().statusAddress()).hasValueSatisfying(a -> {
            assertThat(a.getAddress().isLoopbackAddress()).isTrue();
            assertThat(a.getPort()).isEqualTo(8089);
        });

        run("migrate", "--source", SOURCE, "--target", TARGET, "--status-port", "0", "--status-address", "0.0.0.0");
        assertThat(executed.get().statusAddress()).hasValueSatisfying(a -> {
            assertThat(a.getAddress().isAnyLocalAddress()).isTrue();
            assertThat(a.getPort()).isZero();
        });

        run("migrate", "--source", SOURCE, "--target", TARGET);
        assertThat(executed.get().statusAddress()).isEmpty();
    }

    @Test
    void filterOptionsReachTheRequestSplitAtCommasOutsideQuotes() {
        CommandRun run = run("migrate", "--source", SOURCE, "--target", TARGET, "--include-schema", "app,billing",
                "--exclude-schema=archive", "--include-table", "app.orders, \"Odd,Name\"", "--exclude-table", "app.audit_*",
                "--exclude-table-data", "app.events", "--exclude-extension", "hstore");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(executed.get().filter().includeSchemas()).containsExactly("app", "billing");
        assertThat(executed.get().filter().excludeSchemas()).containsExactly("archive");
        assertThat(executed.get().filter().includeTables()).containsExactly("app.orders", "\"Odd,Name\"");
        assertThat(executed.get().filter().excludeTables()).containsExactly("app.audit_*");
        assertThat(executed.get().filter().excludeTableData()).containsExactly("app.events");
        assertThat(executed.get().filter().excludeExtensions()).containsExactly("hstore");
    }

    @Test
    void tablespaceOptionsReachTheRequest() {
        CommandRun run = run("migrate", "--source", SOURCE, "--target", TARGET, "--tablespace-map", "fast=nvme, \"Odd,One\"=\"New=Name\"",
                "--tablespace-default", "archive,\"all\"");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(executed.get().tablespaces()).containsExactly(TablespaceMapping.map("fast", "nvme"),
                TablespaceMapping.map("Odd,One", "New=Name"), TablespaceMapping.toDefault("archive"), TablespaceMapping.toDefault("all"));

        run("migrate", "--source", SOURCE, "--target", TARGET, "--tablespace-default", "all", "--tablespace-map", "fast=fast");
        assertThat(executed.get().tablespaces()).containsExactly(TablespaceMapping.keep("fast"), TablespaceMapping.allToDefault());
    }

    @Test
    void aTablespaceMappingWithoutBothNamesIsBadUsage() {
        CommandRun run = run("migrate", "--source", SOURCE, "--target", TARGET, "--tablespace-map", "fast=");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(run.err).contains("--tablespace-map takes OLD=NEW pairs, not 'fast='");
    }

    @Test
    void aMalformedPatternIsBadUsage() {
        CommandRun run = run("migrate", "--source", SOURCE, "--target", TARGET, "--exclude-table", "a.b.c");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(run.err).contains("Invalid table pattern 'a.b.c'");
    }

    @Test
    void aDryRunRefusesOptionsThatOnlyApplyToAMigration() {
        CommandRun run = run("migrate", "--source", SOURCE, "--target", TARGET, "--dry-run", "--validate");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(run.err).contains("option --validate does not apply with --dry-run");
        assertThat(executed).hasValue(null);
    }

    @Test
    void jobsDefaultToTheApiDefault() {
        run("migrate", "--source", SOURCE, "--target", TARGET);

        assertThat(executed.get().jobs()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void passwordsComeFromTheDefaultVariables() {
        CommandRun run = CommandRun.run(
                Map.of("PGMIGRATE_SOURCE_PASSWORD", "from-env-s", "PGMIGRATE_TARGET_PASSWORD", "from-env-t"),
                returning(SampleResults.shop()),
                "migrate", "--source", "postgresql://app:in-url@old-db/shop", "--target", TARGET);

        assertThat(run.exitCode).isZero();
        assertThat(executed.get().source().password()).as("the environment wins over the URL").hasValue("from-env-s");
        assertThat(executed.get().target().password()).hasValue("from-env-t");
        assertThat(run.out + run.err).doesNotContain("from-env-s").doesNotContain("from-env-t").doesNotContain("in-url");
    }

    @Test
    void passwordsComeFromNamedVariablesBeforeTheDefaults() {
        CommandRun run = CommandRun.run(
                Map.of("PGMIGRATE_SOURCE_PASSWORD", "default-s", "OLD_DB_SECRET", "named-s", "NEW_DB_SECRET", "named-t"),
                returning(SampleResults.shop()),
                "migrate", "--source", SOURCE, "--target", TARGET,
                "--source-password-env", "OLD_DB_SECRET", "--target-password-env=NEW_DB_SECRET");

        assertThat(run.exitCode).isZero();
        assertThat(executed.get().source().password()).hasValue("named-s");
        assertThat(executed.get().target().password()).hasValue("named-t");
    }

    @Test
    void passwordInTheUrlIsUsedWhenNoVariableIsSet() {
        CommandRun run = run("migrate", "--source", "postgresql://app:in-url@old-db/shop", "--target", TARGET);

        assertThat(executed.get().source().password()).hasValue("in-url");
        assertThat(run.out + run.err).doesNotContain("in-url");
    }

    @Test
    void passwordsComeFromFilesBeforeTheVariables() throws IOException {
        Path sourceFile = Files.writeString(dir.resolve("source.pw"), "from-file-s\n");
        Path targetFile = Files.writeString(dir.resolve("target.pw"), "from-file-t");
        CommandRun run = CommandRun.run(Map.of("PGMIGRATE_SOURCE_PASSWORD", "default-s"), returning(SampleResults.shop()),
                "migrate", "--source", "postgresql://app:in-url@old-db/shop", "--target", TARGET,
                "--source-password-file", sourceFile.toString(), "--target-password-file=" + targetFile);

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(executed.get().source().password()).hasValue("from-file-s");
        assertThat(executed.get().target().password()).hasValue("from-file-t");
        assertThat(run.out + run.err).doesNotContain("from-file").doesNotContain("in-url").doesNotContain("default-s");
    }

    @Test
    void everyCommandTakesPasswordFiles() throws IOException {
        Path missing = dir.resolve("no-such-file");
        for (String command : List.of("migrate", "validate", "verify")) {
            CommandRun run = run(command, "--source", SOURCE, "--target", TARGET, "--target-password-file", missing.toString());
            assertThat(run.exitCode).as(command + ": " + run).isEqualTo(ExitCode.USAGE);
            assertThat(run.err).as(command).contains("--target: Cannot read the password file " + missing);
            assertThat(run(command, "--help").out).as(command)
                    .contains("--source-password-file=FILE", "--target-password-file=FILE", "sslmode=disable|allow|prefer|require|verify-ca|verify-full", "~/.pgpass");
        }
    }

    @Test
    void aPasswordFileAndAVariableForTheSameSideAreRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("pw"), "secret-in-file");
        CommandRun run = CommandRun.run(Map.of("X", "secret-in-env"), returning(SampleResults.shop()),
                "migrate", "--source", SOURCE, "--target", TARGET, "--source-password-file", file.toString(), "--source-password-env", "X");

        assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(run.err).contains("give either --source-password-file or --source-password-env, not both");
        assertThat(run.err).doesNotContain("secret-in");
        assertThat(executed.get()).isNull();
    }

    @Test
    void badTlsSettingsAndPortsAreUsageErrorsThatHideThePassword() {
        CommandRun sslmode = run("migrate", "--source", "postgresql://app:hunter2@old-db/shop?sslmode=yes", "--target", TARGET);
        CommandRun port = run("verify", "--source", SOURCE, "--target", "postgresql://app:hunter2@new-db:70000/shop");

        assertThat(sslmode.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(sslmode.err).contains("--source: Unknown sslmode 'yes'").doesNotContain("hunter2");
        assertThat(port.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(port.err).contains("--target: Bad port").doesNotContain("hunter2");
    }

    @Test
    void speedAndVerificationOptionsReachTheRequest() {
        CommandRun run = CommandRun.run(Map.of(), returning(SampleResults.shop()), "migrate", "--source", SOURCE, "--target", TARGET,
                "--copy-format", "text", "--split-tables-larger-than", "512MB", "--max-source-rate", "50MiB", "--verification", "warn",
                "--index-build-memory", "3GB");
        assertThat(run.exitCode).as(run.toString()).isZero();
        MigrationRequest request = executed.get();
        assertThat(request.copyFormat()).isEqualTo(CopyFormat.TEXT);
        assertThat(request.splitTablesLargerThan()).isEqualTo(512L * 1024 * 1024);
        assertThat(request.maxSourceBytesPerSecond()).hasValue(50L * 1024 * 1024);
        assertThat(request.verification()).isEqualTo(VerificationPolicy.WARN_ON_DIFFERENCE);
        assertThat(request.indexBuildMemory()).isEqualTo(3L << 30);
    }

    @Test
    void subscriptionsAreLeftOutUnlessAskedFor() {
        run("migrate", "--source", SOURCE, "--target", TARGET, "--subscriptions");
        assertThat(executed.get().subscriptions()).isTrue();

        run("migrate", "--source", SOURCE, "--target", TARGET);
        assertThat(executed.get().subscriptions()).isFalse();
    }

    @Test
    void uncreatableObjectsAreRefusedUnlessAskedToLeaveThemOut() {
        run("migrate", "--source", SOURCE, "--target", TARGET, "--leave-out-uncreatable");
        assertThat(executed.get().leaveOutUncreatableObjects()).isTrue();

        run("migrate", "--source", SOURCE, "--target", TARGET);
        assertThat(executed.get().leaveOutUncreatableObjects()).isFalse();
    }

    @Test
    void resumeReachesTheRequestAndTheFirstLine() {
        CommandRun run = run("migrate", "--source", SOURCE, "--target", TARGET, "--resume");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(executed.get().resume()).isTrue();
        assertThat(run.out).contains("resuming the earlier run");

        run("migrate", "--source", SOURCE, "--target", TARGET);
        assertThat(executed.get().resume()).isFalse();
    }

    @Test
    void aCancelledMigrationExitsWithItsMessage() {
        CommandRun run = CommandRun.run(Map.of(), throwing(new PgMigrateException(ErrorKind.CANCELLED,
                "Migration 1234 was cancelled before it changed the target.")), "migrate", "--source", SOURCE, "--target", TARGET);
        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err).contains("was cancelled");
    }

    @Test
    void serverOptionsReachTheRequest() {
        CommandRun run = CommandRun.run(Map.of(), returning(SampleResults.shop()), "migrate", "--source", SOURCE, "--target", TARGET,
                "--databases", "all", "--exclude-databases", "scratch, tmp", "--roles", "all", "--reserved-roles", "admin,ops",
                "--reserved-roles-owner", "keeper", "--jobs", "4", "--databases-in-parallel", "2");
        assertThat(run.exitCode).as(run.toString()).isZero();
        MigrationRequest request = executed.get();
        assertThat(request.databases().kind()).isEqualTo(org.pgmigrate.DatabaseSelection.Kind.ALL);
        assertThat(request.databases().excluded()).contains("scratch", "tmp", "template0");
        assertThat(request.roles()).isEqualTo(org.pgmigrate.RoleSelection.ALL);
        assertThat(request.reservedRoles()).containsExactlyInAnyOrder("admin", "ops");
        assertThat(request.reservedRoleObjectsOwner()).hasValue("keeper");
        assertThat(request.databasesInParallel()).isEqualTo(2);

        run("migrate", "--source", SOURCE, "--target", TARGET, "--databases", "shop,crm");
        assertThat(executed.get().databases().names()).containsExactly("shop", "crm");
        assertThat(executed.get().roles()).isEqualTo(org.pgmigrate.RoleSelection.NEEDED);
    }

    @Test
    void badServerOptionsAreUsageErrors() {
        assertThat(run("migrate", "--source", SOURCE, "--target", TARGET, "--databases", "all,shop").err)
                .contains("--databases takes all or a list of database names");
        assertThat(run("migrate", "--source", SOURCE, "--target", TARGET, "--roles", "some").err).contains("--roles takes all, needed, none");
    }

    @Test
    void withoutSpeedOptionsTheDefaultsApply() {
        run("migrate", "--source", SOURCE, "--target", TARGET);
        MigrationRequest request = executed.get();
        assertThat(request.copyFormat()).isEqualTo(CopyFormat.AUTO);
        assertThat(request.maxSourceBytesPerSecond()).isEmpty();
        assertThat(request.verification()).isEqualTo(VerificationPolicy.FAIL_ON_DIFFERENCE);
    }

    @Test
    void badSpeedOptionsAreUsageErrors() {
        for (String[] bad : new String[][] {{"--copy-format", "fast"}, {"--max-source-rate", "-5"}, {"--split-tables-larger-than", "lots"},
                {"--verification", "maybe"}, {"--max-source-rate", "0"}}) {
            CommandRun run = run("migrate", "--source", SOURCE, "--target", TARGET, bad[0], bad[1]);
            assertThat(run.exitCode).as(String.join(" ", bad) + "\n" + run).isEqualTo(2);
            assertThat(run.err).startsWith("pgmigrate: option " + bad[0]);
        }
    }

    // ---- outcomes

    @Test
    void successPrintsProgressAndSummaryAndWritesTheReport() throws Exception {
        Path report = dir.resolve("report.json");
        CommandRun run = CommandRun.run(Map.of(), builder -> {
            MigrationRequest request = builder.request();
            request.listener().phaseStarted(Phase.DATA);
            request.listener().tableFinished(SampleResults.table("public", "orders", 1000, 2048));
            request.listener().phaseFinished(PhaseResult.of(Phase.DATA, Duration.ofSeconds(2)));
            return SampleResults.shop();
        }, "migrate", "--source", SOURCE, "--target", TARGET, "--report", report.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.err).isEmpty();
        assertThat(run.out)
                .contains("Migrating app at jdbc:postgresql://old-db:5432/shop to app at jdbc:postgresql://new-db:5432/shop")
                .contains("] DATA started")
                .contains("]   public.orders: 1,000 rows, 2.0 KiB")
                .contains("] DATA finished in 2.0 s")
                .contains("Migration m-42 completed")
                .contains("2 tables, 1,500 rows, 3.0 MiB")
                .endsWith("Report written to " + report + System.lineSeparator());
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.get("completed").asBoolean()).isTrue();
        assertThat(json.get("totals").get("rows").asLong()).isEqualTo(1500);
    }

    @Test
    void failureExitsOneWithTheMessageAndWritesThePartialReport() throws Exception {
        Path report = dir.resolve("failed.json");
        MigrationResult partial = MigrationResult.builder().from(SampleResults.shop()).completed(false).build();
        CommandRun run = CommandRun.run(Map.of(),
                throwing(new MigrationFailedException(ErrorKind.MIGRATION_FAILED,
                        "Copying public.items failed: no space left on the target. Free space and run again.", partial,
                        new IllegalStateException("root cause"))),
                "migrate", "--source", SOURCE, "--target", TARGET, "--report", report.toString());

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).isEqualTo(
                "pgmigrate: Copying public.items failed: no space left on the target. Free space and run again."
                        + System.lineSeparator());
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.get("completed").asBoolean(true)).isFalse();
        assertThat(json.get("tables")).hasSize(2);
        assertThat(json.get("error").get("kind").asText()).isEqualTo("MIGRATION_FAILED");
    }

    @Test
    void aReportNamedHtmlIsThePageOfTheResult() throws Exception {
        Path report = dir.resolve("Shop Report.HTML");
        CommandRun run = CommandRun.run(Map.of(), builder -> SampleResults.shop(),
                "migrate", "--source", SOURCE, "--target", TARGET, "--report", report.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        String html = Files.readString(report);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Migration m-42", "Completed",
                "&quot;Sales&quot;.&quot;Line &quot;&quot;items&quot;&quot;&quot;", "Event triggers are not migrated.");
    }

    @Test
    void aFailedRunsHtmlReportShowsTheErrorAndThePartialResult() throws Exception {
        Path report = dir.resolve("failed.htm");
        MigrationResult partial = MigrationResult.builder().from(SampleResults.shop()).completed(false).build();
        CommandRun run = CommandRun.run(Map.of(),
                throwing(new MigrationFailedException(ErrorKind.MIGRATION_FAILED, "Copying public.items failed: <no space>.", partial, null)),
                "migrate", "--source", SOURCE, "--target", TARGET, "--report", report.toString());

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(Files.readString(report)).contains("Error: MIGRATION_FAILED", "Copying public.items failed: &lt;no space&gt;.",
                "data-table=\"public.orders\"");
    }

    @Test
    void failureBeforeStartWritesAReportWithTheErrorOnly() throws Exception {
        Path report = dir.resolve("refused.json");
        CommandRun run = CommandRun.run(Map.of(),
                throwing(new PgMigrateException(ErrorKind.AUTHENTICATION_FAILED, "The source refused the password of app.")),
                "migrate", "--source", SOURCE, "--target", TARGET, "--report", report.toString());

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).isEqualTo("pgmigrate: The source refused the password of app." + System.lineSeparator());
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(ResultJsonTest.fieldNames(json)).containsExactly("completed", "error");
        assertThat(json.get("error").get("kind").asText()).isEqualTo("AUTHENTICATION_FAILED");
    }

    @Test
    void everyFailureKindButInvalidRequestValidationAndVerificationExitsOne() {
        for (ErrorKind kind : ErrorKind.values()) {
            CommandRun run = CommandRun.run(Map.of(), throwing(new PgMigrateException(kind, "It failed.")),
                    "migrate", "--source", SOURCE, "--target", TARGET);
            int expected = kind == ErrorKind.INVALID_REQUEST ? 2 : kind == ErrorKind.VERIFICATION_FAILED ? 4
                    : kind == ErrorKind.VALIDATION_FAILED ? 3 : 1;
            assertThat(run.exitCode).as(kind.name()).isEqualTo(expected);
        }
    }

    @Test
    void verboseAddsTheStackTrace() {
        CommandRun quiet = CommandRun.run(Map.of(), throwing(new PgMigrateException(ErrorKind.CONNECTION_FAILED, "Unreachable.")),
                "migrate", "--source", SOURCE, "--target", TARGET);
        CommandRun verbose = CommandRun.run(Map.of(), throwing(new PgMigrateException(ErrorKind.CONNECTION_FAILED, "Unreachable.")),
                "migrate", "--source", SOURCE, "--target", TARGET, "--verbose");

        assertThat(quiet.err).doesNotContain("\tat ");
        assertThat(verbose.exitCode).isEqualTo(1);
        assertThat(verbose.err).startsWith("pgmigrate: Unreachable.").contains("PgMigrateException").contains("\tat ");
    }

    @Test
    void unexpectedErrorsExitOneAndSuggestVerbose() {
        CommandRun run = CommandRun.run(Map.of(), throwing(new IllegalStateException("boom")),
                "migrate", "--source", SOURCE, "--target", TARGET);

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).isEqualTo("pgmigrate: unexpected error: java.lang.IllegalStateException: boom"
                + " (run with --verbose for details)" + System.lineSeparator());
    }

    @Test
    void aResultThatDidNotCompleteIsAFailure() {
        MigrationResult incomplete = MigrationResult.builder().from(SampleResults.shop()).completed(false).build();
        CommandRun run = CommandRun.run(Map.of(), returning(incomplete), "migrate", "--source", SOURCE, "--target", TARGET);

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.out).contains("did not complete");
    }

    @Test
    void aReportThatCannotBeWrittenFailsTheRun() throws Exception {
        Path reports = Files.createDirectory(dir.resolve("reports"));
        CommandRun run = CommandRun.run(Map.of(), builder -> {
            try {
                Files.delete(reports); // the directory vanishes while the migration runs
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return SampleResults.shop();
        }, "migrate", "--source", SOURCE, "--target", TARGET, "--report", reports.resolve("report.json").toString());

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.out).contains("Migration m-42 completed");
        assertThat(run.err).startsWith("pgmigrate: could not write the report to " + reports.resolve("report.json"));
    }

    @Test
    void aDirectoryIsNoReportFile() {
        CommandRun run = run("migrate", "--source", SOURCE, "--target", TARGET, "--report", dir.toString());

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).startsWith("pgmigrate: option --report: cannot write");
        assertThat(executed).hasValue(null);
    }
}
