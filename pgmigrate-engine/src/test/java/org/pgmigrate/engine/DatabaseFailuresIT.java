package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pgmigrate.DatabaseSelection;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationFailedException;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.RoleSelection;
import org.pgmigrate.TableProgress;
import org.pgmigrate.testkit.PostgresServer;

/**
 * Several databases side by side, one of which fails: the others are stopped at once, or, when
 * asked, migrated to their end; the failure names what became of each.
 */
class DatabaseFailuresIT {
    private static PostgresServer source;

    /** alpha copies for seconds under the throttle; bravo fails as its table starts; charlie is small. */
    @BeforeAll
    static void threeDatabases() {
        source = PostgresServer.start(17);
        source.execute("postgres", "CREATE DATABASE alpha");
        source.execute("postgres", "CREATE DATABASE bravo");
        source.execute("postgres", "CREATE DATABASE charlie");
        source.execute("alpha", "CREATE TABLE public.big (id int PRIMARY KEY, v text);"
                + " INSERT INTO public.big SELECT i, repeat(md5(i::text), 3) FROM generate_series(1, 50000) i");
        source.execute("bravo", "CREATE TABLE public.breaks (id int PRIMARY KEY); INSERT INTO public.breaks VALUES (1)");
        source.execute("charlie", "CREATE TABLE public.small (id int PRIMARY KEY); INSERT INTO public.small SELECT generate_series(1, 10)");
    }

    @AfterAll
    static void stop() {
        source.close();
    }

    /** Fails bravo as its table starts copying, once alpha's copy is under way. */
    private static MigrationListener breaksBravoWhileAlphaCopies() {
        CountDownLatch alphaCopies = new CountDownLatch(1);
        return new MigrationListener() {
            @Override
            public void tableProgress(TableProgress progress) {
                if (progress.qualifiedName().equals("public.big")) {
                    alphaCopies.countDown();
                }
            }

            @Override
            public void tableStarted(String qualifiedName) {
                if (qualifiedName.equals("public.breaks")) {
                    try {
                        alphaCopies.await(1, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("bravo is broken");
                }
            }
        };
    }

    /** alpha and bravo side by side, then charlie; 5 MB of alpha at 1 MB/s. */
    private static Migration.Builder threeSideBySide(PostgresServer target) {
        return Migration.from(Endpoint.of("postgresql://postgres@localhost:" + source.port()))
                .to(Endpoint.of("postgresql://postgres@localhost:" + target.port()))
                .databases(DatabaseSelection.named("alpha", "bravo", "charlie")).roles(RoleSelection.NONE)
                .jobs(2).databasesInParallel(2).throttle(1_000_000).listener(breaksBravoWhileAlphaCopies());
    }

    private static List<String> tables(PostgresServer server, String database) {
        return server.queryColumn(database, "SELECT relname::text FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'");
    }

    private static String count(PostgresServer server, String database, String table) {
        return server.queryColumn(database, "SELECT count(*) FROM " + table).get(0);
    }

    @Test
    void theFirstFailureStopsTheOthersAtOnceAndSaysWhatBecameOfEach() {
        try (PostgresServer target = PostgresServer.start(17)) {
            assertThatThrownBy(() -> threeSideBySide(target).execute()).isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.MIGRATION_FAILED);
                assertThat(e.getMessage()).contains("Migrating database bravo failed", "bravo is broken",
                        "Databases completed: [].", "Stopped when bravo failed: [alpha]", "Not started: [charlie].");
                assertThat(e.partialResult().databases()).extracting(r -> r.target().database() + " " + r.completed())
                        .containsExactly("alpha false", "bravo false");
            });
            // alpha's copy was cut short (its rows roll back with it) and charlie never began
            assertThat(count(target, "alpha", "public.big")).isEqualTo("0");
            assertThat(tables(target, "charlie")).isEmpty();
        }
    }

    @Test
    void askedToFinishTheOthersItMigratesThemAndFailsAtTheEnd() {
        try (PostgresServer target = PostgresServer.start(17)) {
            assertThatThrownBy(() -> threeSideBySide(target).finishOtherDatabasesOnFailure(true).execute())
                    .isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.MIGRATION_FAILED);
                        assertThat(e.getMessage()).contains("Migrating database bravo failed", "Databases completed: [alpha, charlie].")
                                .doesNotContain("Stopped", "Not started");
                        assertThat(e.partialResult().databases()).extracting(r -> r.target().database() + " " + r.completed())
                                .containsExactly("alpha true", "bravo false", "charlie true");
                    });
            assertThat(count(target, "alpha", "public.big")).isEqualTo("50000");
            assertThat(count(target, "charlie", "public.small")).isEqualTo("10");
        }
    }
}
