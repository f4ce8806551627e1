package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.WarningCodes;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * An online migration whose process is killed keeps what it needs on the servers: resumed, it
 * streams on from the last change the target committed (none lost, none applied twice: the
 * workload's guard table has a unique key), completes a cutover asked for while it was dead,
 * resumes a copy it was killed in, and abandoned, it leaves nothing behind.
 */
@ExtendWith(PostgresExtension.class)
class OnlineResumeIT implements OnSharedOnlineTarget {
    private static final String SOURCE = "online-source";
    private static final String TARGET = "online-target";
    private static final String LOGICAL = "wal_level=logical";

    @Test
    void aMigrationKilledWhileStreamingResumesAndEndsEqualUnderWrites(@Pg(instance = SOURCE, settings = LOGICAL) TestDatabase source,
                                                                      @Pg(instance = TARGET) TestDatabase target) throws Exception {
        OnlineWorkload.createSchema(source, 17);
        MigrationResult result;
        try (OnlineWorkload workload = OnlineWorkload.start(source)) {
            killWhen(source, target, "STREAMING", 0);
            long atKill = workload.transactions();
            // the source goes on changing while no migration runs
            Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> workload.transactions() > atKill + 20);

            try (MigrationHandle handle = online(source, target).resume().start()) {
                assertThat(handle.awaitCaughtUp(Duration.ofMinutes(3))).isTrue();
                workload.close();
                result = handle.cutover();
            }
        }

        assertThat(result.completed()).isTrue();
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w.code()).isEqualTo(WarningCodes.RESUMED));
        assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.equal()).isTrue());
        assertThatDatabase(target).isEquivalentTo(source);
        OnlineMigrationIT.assertNothingLeft(source, target);
    }

    @Test
    void aCutoverAskedForWhileTheProcessWasDeadCompletesOnResume(@Pg(instance = SOURCE, settings = LOGICAL) TestDatabase source,
                                                                 @Pg(instance = TARGET) TestDatabase target) throws Exception {
        source.execute("CREATE TABLE public.orders (id int PRIMARY KEY, amount int); INSERT INTO public.orders VALUES (1, 10)");
        killWhen(source, target, "STREAMING", 0);
        source.execute("INSERT INTO public.orders VALUES (2, 20)");
        // the request is recorded, and its answer says at once that no process runs the migration
        assertThatThrownBy(() -> Migration.requestCutover(target.endpoint(), Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.getMessage())
                        .contains("is recorded, but no process runs the migration", "--resume"));

        MigrationResult result;
        try (MigrationHandle handle = online(source, target).resume().start()) {
            result = handle.await(Duration.ofMinutes(3)).orElseThrow();
        }

        assertThat(result.completed()).isTrue();
        assertThat(target.queryColumn("SELECT id FROM public.orders ORDER BY id")).containsExactly("1", "2");
        OnlineMigrationIT.assertNothingLeft(source, target);
    }

    @Test
    void abandonDropsWhatAKilledMigrationKeptAndLeavesTheCopy(@Pg(instance = SOURCE, settings = LOGICAL) TestDatabase source,
                                                             @Pg(instance = TARGET) TestDatabase target) throws Exception {
        source.execute("CREATE TABLE public.t (id int PRIMARY KEY); INSERT INTO public.t SELECT generate_series(1, 100)");
        killWhen(source, target, "STREAMING", 0);
        assertThat(source.queryColumn("SELECT slot_name FROM pg_replication_slots WHERE database = current_database()"))
                .as("the killed run's slot stays for a resume").hasSize(1);
        // what a process killed while receiving a streamed transaction leaves where the README says
        String id = target.queryValue("SELECT migration_id FROM pgmigrate.online_control");
        Path spills = Path.of(System.getProperty("java.io.tmpdir"), "pgmigrate_" + id.toLowerCase(Locale.ROOT) + "_streamed");
        Files.createDirectories(spills);
        Files.write(spills.resolve("4711.spill"), new byte[] {0, 0, 0, 1, 'I'});

        assertThat(online(source, target).abandon()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("on the"));

        OnlineMigrationIT.assertNothingLeft(source, target);
        assertThat(spills).as("the killed process's spills").doesNotExist();
        assertThat(target.queryValue("SELECT count(*) FROM public.t")).as("the partial copy stays").isEqualTo("100");
        assertThatThrownBy(() -> online(source, target).abandon()).isInstanceOfSatisfying(PgMigrateException.class,
                e -> assertThat(e.getMessage()).contains("no online migration"));
    }

    /**
     * Killed with some parts of a table copied: the resumed copy reads what is left under a
     * snapshot of its own, copying that table again whole, and the stream skips for it what the
     * snapshot already holds (an insert applied twice would break its primary key, an append
     * applied twice would show).
     */
    @Test
    void aMigrationKilledDuringItsCopyResumesUnderANewSnapshotAndEndsEqual(@Pg(instance = SOURCE, settings = LOGICAL) TestDatabase source,
                                                                          @Pg(instance = TARGET) TestDatabase target) throws Exception {
        // Two parts of as many pages. The first holds 400 wide rows (over a second's copy at the throttle), 40000 narrow
        // ones and some wide ones; the second about 1400 wide rows only. The child's copy of a part stops for good once
        // it reports more than 4000 rows, which only the first part has: the second ends, the first never does.
        source.execute("CREATE TABLE public.big (id bigint PRIMARY KEY, payload text NOT NULL);"
                + " INSERT INTO public.big SELECT i, repeat(md5(i::text), 56) FROM generate_series(1, 400) i;"
                + " INSERT INTO public.big SELECT i, 'n' FROM generate_series(2001, 42000) i;"
                + " INSERT INTO public.big SELECT i, repeat(md5(i::text), 56) FROM generate_series(401, 2000) i;"
                + " CREATE TABLE public.small (id int PRIMARY KEY, v int); INSERT INTO public.small SELECT i, 0 FROM generate_series(1, 100) i");
        // its output is not read: it must not fill a pipe
        Process child = start(source.jdbcUrl(), target, 600_000, ProcessBuilder.Redirect.DISCARD, "1000000", "public.big", "4000");
        try {
            Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> Integer.parseInt(target.queryValue(
                    "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'pgmigrate' AND tablename = 'journal'")) == 1
                    && Integer.parseInt(target.queryValue("SELECT count(*) FROM pgmigrate.journal WHERE state = 'done'"
                    + " AND task LIKE 'rows of \"public\".\"big\" where %'")) >= 1);
            source.execute("INSERT INTO public.big SELECT i, 'during the copy' FROM generate_series(100001, 100100) i;"
                    + " UPDATE public.big SET payload = payload || '+' WHERE id % 1000 = 0; UPDATE public.small SET v = v + 1");
        } finally {
            kill(child, target);
        }
        assertThat(target.queryValue("SELECT state FROM pgmigrate.online_control")).isEqualTo("COPYING");
        assertThat(Integer.parseInt(target.queryValue("SELECT count(*) FROM public.big"))).as("big's second part only")
                .isBetween(1, 2000);
        source.execute("INSERT INTO public.big SELECT i, 'while dead' FROM generate_series(100101, 100200) i;"
                + " UPDATE public.big SET payload = payload || '*' WHERE id % 1000 = 0; UPDATE public.small SET v = v + 10");

        MigrationResult result;
        // the same options as the killed run: big is cut into the same parts
        try (MigrationHandle handle = online(source, target).splitTablesLargerThan(1_000_000).resume().start()) {
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(3))).isTrue();
            source.execute("INSERT INTO public.big SELECT i, 'streamed' FROM generate_series(100201, 100300) i;"
                    + " UPDATE public.big SET payload = payload || '!' WHERE id % 1000 = 0; UPDATE public.small SET v = v + 100");
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(3))).isTrue();
            result = handle.cutover();
        }

        assertThat(result.completed()).isTrue();
        assertThat(target.queryValue("SELECT payload FROM public.big WHERE id = 1000")).endsWith("+*!");
        assertThat(target.queryValue("SELECT sum(v) FROM public.small")).isEqualTo("11100");
        assertThatDatabase(target).isEquivalentTo(source);
        OnlineMigrationIT.assertNothingLeft(source, target);
    }

    private static Migration.Builder online(TestDatabase source, TestDatabase target) {
        return Migration.from(source.endpoint()).to(target.endpoint()).mode(MigrationMode.ONLINE).jobs(2);
    }

    /** Runs the migration in a process of its own and kills it (SIGKILL) once it prints a line starting with {@code line}. */
    private static void killWhen(TestDatabase source, TestDatabase target, String line, long throttle) throws Exception {
        killWhen(source.jdbcUrl(), target, line, throttle, () -> { });
    }

    /**
     * Runs the migration from {@code sourceUrl} in a process of its own, and once it prints a line
     * starting with {@code line}, runs {@code meanwhile} and kills it (SIGKILL).
     */
    static void killWhen(String sourceUrl, TestDatabase target, String line, long throttle, Runnable meanwhile) throws Exception {
        Process child = start(sourceUrl, target, throttle, ProcessBuilder.Redirect.PIPE);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String read;
            while ((read = out.readLine()) != null && !read.startsWith(line)) {
                // the child's log, until the line
            }
            assertThat(read).as("the child printed %s before it ended", line).isNotNull();
            meanwhile.run();
        } finally {
            kill(child, target);
        }
    }

    private static Process start(String sourceUrl, TestDatabase target, long throttle, ProcessBuilder.Redirect output, String... more)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ChildOnlineMigration.class.getName(), sourceUrl, target.jdbcUrl(),
                Long.toString(throttle)));
        command.addAll(List.of(more));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
    }

    private static void kill(Process child, TestDatabase target) throws Exception {
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        KilledRunIT.awaitNoSessions(target);
    }
}
