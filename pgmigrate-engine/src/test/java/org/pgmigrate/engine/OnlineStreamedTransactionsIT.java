package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * Transactions a 14+ source streams before their commit (its {@code logical_decoding_work_mem}
 * set to 64kB for the test's database, so a few thousand rows are streamed): applied exactly once
 * and only when they commit, without subtransactions rolled back inside them, with the DDL they
 * run, while other transactions commit between their blocks and the stream breaks; and the
 * source does not time the stream out while one idles between its blocks or is applied at its
 * commit.
 */
@ExtendWith(PostgresExtension.class)
class OnlineStreamedTransactionsIT implements OnSharedOnlineTarget {
    private static final String SLOT_STATS = "SELECT coalesce(sum(stream_txns), 0) FROM pg_stat_replication_slots"
            + " WHERE slot_name IN (SELECT slot_name FROM pg_replication_slots WHERE database = current_database())";
    private static final String WALSENDER = "SELECT pid FROM pg_stat_replication WHERE application_name = 'pgmigrate-stream'";

    @Test
    void streamedTransactionsApplyOnlyWhatCommitted(@Pg(instance = "online-source", settings = "wal_level=logical") TestDatabase source,
                                                    @Pg(instance = "online-target") TestDatabase target) throws Exception {
        source.execute("ALTER DATABASE \"" + source.name() + "\" SET logical_decoding_work_mem = '64kB';"
                + "CREATE TYPE public.mood AS ENUM ('ok', 'meh');"
                + "CREATE TABLE public.big (id int PRIMARY KEY, v text, m public.mood);"
                + "CREATE TABLE public.small (id int PRIMARY KEY, v text);"
                + "CREATE TABLE public.wiped (id int PRIMARY KEY); INSERT INTO public.wiped SELECT generate_series(1, 10)");

        MigrationResult result;
        try (MigrationHandle handle = Migration.from(source.endpoint()).to(target.endpoint()).mode(MigrationMode.ONLINE)
                .replicateDdl(true).start()) {
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
            source.execute("BEGIN; TRUNCATE public.wiped;"
                    + " INSERT INTO public.big SELECT i, 'committed', 'ok' FROM generate_series(1, 5000) i;"
                    + " UPDATE public.big SET v = 'updated', m = 'meh' WHERE id % 2 = 0;"
                    + " ALTER TABLE public.big ADD COLUMN note text DEFAULT 'none'; UPDATE public.big SET note = 'noted' WHERE id <= 100;"
                    + " COMMIT");
            source.execute("BEGIN; INSERT INTO public.big SELECT i, 'aborted', 'ok' FROM generate_series(10001, 15000) i; ROLLBACK");
            source.execute("BEGIN; INSERT INTO public.big SELECT i, 'kept', 'ok' FROM generate_series(20001, 23000) i;"
                    + " SAVEPOINT outer_sp; INSERT INTO public.big SELECT i, 'rolled back', 'ok' FROM generate_series(30001, 33000) i;"
                    + " SAVEPOINT inner_sp; INSERT INTO public.big SELECT i, 'rolled back', 'ok' FROM generate_series(33001, 34000) i;"
                    + " RELEASE inner_sp; ROLLBACK TO outer_sp;"
                    + " INSERT INTO public.big SELECT i, 'after rollback', 'ok' FROM generate_series(40001, 41000) i;"
                    + " SAVEPOINT released; UPDATE public.big SET v = 'in released' WHERE id BETWEEN 20001 AND 20100; RELEASE released;"
                    + " SAVEPOINT undone; DELETE FROM public.big WHERE id BETWEEN 20001 AND 21000; ROLLBACK TO undone; COMMIT");

            // two streamed transactions interleave, small ones commit between them, the second to begin commits first
            try (Connection first = source.connect(); Connection second = source.connect();
                 Statement s1 = first.createStatement(); Statement s2 = second.createStatement()) {
                first.setAutoCommit(false);
                second.setAutoCommit(false);
                s1.execute("INSERT INTO public.big SELECT i, 'first', 'ok' FROM generate_series(50001, 53000) i");
                s2.execute("INSERT INTO public.big SELECT i, 'second', 'ok' FROM generate_series(60001, 63000) i");
                source.execute("INSERT INTO public.small VALUES (1, 'between')");
                Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> Long.parseLong(source.queryValue(SLOT_STATS)) >= 5);
                assertThat(handle.awaitCaughtUp(Duration.ofMinutes(1))).isTrue();
                assertThat(target.queryValue("SELECT count(*) FROM public.small")).as("a small transaction committed between")
                        .isEqualTo("1");
                assertThat(target.queryValue("SELECT count(*) FROM public.big WHERE id > 50000"))
                        .as("nothing of a running transaction is applied").isEqualTo("0");
                assertThat(spills(handle)).as("each running transaction streamed so far is spilled to a file of its own")
                        .hasSize(2);
                // the stream breaks: the next session deletes these spills, and the source sends both transactions again
                String walsender = source.queryValue(WALSENDER);
                source.execute("SELECT pg_terminate_backend(" + walsender + ")");
                Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> source.queryColumn(WALSENDER).stream()
                        .anyMatch(pid -> !pid.equals(walsender)));

                s1.execute("UPDATE public.big SET v = 'first updated' WHERE id BETWEEN 50001 AND 51000");
                s2.execute("DELETE FROM public.big WHERE id BETWEEN 60001 AND 60500");
                source.execute("INSERT INTO public.small VALUES (2, 'between')");
                second.commit();
                source.execute("UPDATE public.small SET v = 'after second' WHERE id = 1");
                first.commit();
            }
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();

            assertThat(target.queryColumn("SELECT v || ' ' || m || ' ' || count(*) FROM public.big GROUP BY v, m ORDER BY 1"))
                    .containsExactly("after rollback ok 1000", "committed ok 2500", "first ok 2000", "first updated ok 1000",
                            "in released ok 100", "kept ok 2900", "second ok 2500", "updated meh 2500");
            assertThat(target.queryValue("SELECT count(*) FROM public.big WHERE note = 'noted'")).as("DDL inside a streamed transaction")
                    .isEqualTo("100");
            assertThat(target.queryValue("SELECT count(*) FROM public.wiped")).isEqualTo("0");
            assertThat(target.queryColumn("SELECT id || ' ' || v FROM public.small ORDER BY id"))
                    .containsExactly("1 after second", "2 between");
            assertThat(spills(handle)).as("committed and aborted transactions leave no spill").isEmpty();
            result = handle.cutover();
            assertThat(spillDirectory(handle)).as("the spill directory goes with the stream").doesNotExist();
        }

        assertThat(result.completed()).isTrue();
        assertThatDatabase(target).isEquivalentTo(source);
        OnlineMigrationIT.assertNothingLeft(source, target);
    }

    /**
     * A streamed transaction idles between its blocks, then its replay at the commit takes longer
     * than the source's {@code wal_sender_timeout} (a target-only trigger sleeps on every eighth
     * row: about 4 s): the same walsender streams throughout, so we answered in time.
     */
    @Test
    void theSourceDoesNotTimeOutTheStreamWhileAStreamedTransactionIdlesOrIsApplied(
            @Pg(instance = "online-source", settings = "wal_level=logical") TestDatabase source,
            @Pg(instance = "online-target") TestDatabase target) throws Exception {
        source.execute("ALTER DATABASE \"" + source.name() + "\" SET logical_decoding_work_mem = '64kB';"
                + "ALTER DATABASE \"" + source.name() + "\" SET wal_sender_timeout = '2s';"
                + "CREATE TABLE public.t (id int PRIMARY KEY, v text)");

        MigrationResult result;
        try (MigrationHandle handle = Migration.from(source.endpoint()).to(target.endpoint()).mode(MigrationMode.ONLINE).start()) {
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
            target.execute("CREATE FUNCTION public.slow() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$BEGIN IF NEW.id % 8 = 0 THEN PERFORM pg_sleep(0.001); END IF; RETURN NEW; END$$;"
                    + "CREATE TRIGGER slow BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.slow();"
                    + "ALTER TABLE public.t ENABLE ALWAYS TRIGGER slow");
            String walsender = source.queryValue(WALSENDER);
            try (Connection open = source.connect(); Statement s = open.createStatement()) {
                open.setAutoCommit(false);
                s.execute("INSERT INTO public.t SELECT i, 'before the pause' FROM generate_series(1, 3000) i");
                Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> Long.parseLong(source.queryValue(SLOT_STATS)) >= 1);
                Instant pausedAt = Instant.now();
                // idle for longer than the timeout: keepalives come, and the same walsender hears from us
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .failFast("the source timed the stream out", () -> !source.queryColumn(WALSENDER).contains(walsender))
                        .until(() -> repliedAfter(source, walsender, pausedAt.plusSeconds(3)));
                s.execute("INSERT INTO public.t SELECT i, 'after the pause' FROM generate_series(3001, 12000) i");
                s.execute("UPDATE public.t SET v = 'updated' WHERE id % 3 = 0");
                open.commit();
            }
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
            assertThat(source.queryValue(WALSENDER)).as("the stream was never timed out and restarted").isEqualTo(walsender);
            assertThat(target.queryColumn("SELECT v || ' ' || count(*) FROM public.t GROUP BY v ORDER BY 1"))
                    .containsExactly("after the pause 6000", "before the pause 2000", "updated 4000");
            target.execute("DROP TRIGGER slow ON public.t; DROP FUNCTION public.slow()");

            // one statement on the target longer than the timeout: the stream is kept alive meanwhile
            target.execute("CREATE FUNCTION public.stall() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$BEGIN PERFORM pg_sleep(4); RETURN NEW; END$$;"
                    + "CREATE TRIGGER stall BEFORE INSERT ON public.t FOR EACH ROW WHEN (NEW.id = 99999) EXECUTE FUNCTION public.stall();"
                    + "ALTER TABLE public.t ENABLE ALWAYS TRIGGER stall");
            source.execute("INSERT INTO public.t VALUES (99999, 'slow to apply')");
            assertThat(handle.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
            assertThat(source.queryValue(WALSENDER)).as("a long statement on the target did not time the stream out").isEqualTo(walsender);
            target.execute("DROP TRIGGER stall ON public.t; DROP FUNCTION public.stall()");
            result = handle.cutover();
        }

        assertThat(result.completed()).isTrue();
        assertThatDatabase(target).isEquivalentTo(source);
        OnlineMigrationIT.assertNothingLeft(source, target);
    }

    /** Whether walsender {@code pid} received a status from us sent after {@code after}. */
    private static boolean repliedAfter(TestDatabase source, String pid, Instant after) throws Exception {
        try (Connection c = source.connect();
             PreparedStatement ps = c.prepareStatement("SELECT coalesce(bool_or(reply_time > ?), false) FROM pg_stat_replication"
                     + " WHERE pid = ?")) {
            ps.setObject(1, after.atOffset(ZoneOffset.UTC));
            ps.setInt(2, Integer.parseInt(pid));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Where the README says a migration spills the transactions streamed before their commit. */
    private static Path spillDirectory(MigrationHandle handle) {
        return Path.of(System.getProperty("java.io.tmpdir"), "pgmigrate_" + handle.migrationId().toLowerCase(Locale.ROOT) + "_streamed");
    }

    private static List<Path> spills(MigrationHandle handle) throws Exception {
        try (Stream<Path> files = Files.list(spillDirectory(handle))) {
            return files.toList();
        }
    }
}
