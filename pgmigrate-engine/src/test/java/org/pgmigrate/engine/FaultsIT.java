package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pgmigrate.testkit.DatabaseAssertions.assertThatDatabase;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationFailedException;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.MigrationWarning;
import org.pgmigrate.TableProgress;
import org.pgmigrate.VerificationPolicy;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * Connections that break in the middle of a copy: the task runs again on new connections and the
 * target ends equal to the source, every row once.
 */
@ExtendWith(PostgresExtension.class)
class FaultsIT {
    /** A table whose throttled copy lasts a few seconds, so that progress is reported while it runs. */
    private static void slowTable(TestDatabase source) {
        source.execute("CREATE TABLE big (id bigint PRIMARY KEY, payload text NOT NULL);"
                + " INSERT INTO big SELECT i, repeat(md5(i::text), 4) FROM generate_series(1, 60000) i;"
                + " CREATE INDEX big_payload ON big (payload);"
                + " CREATE TABLE small (id int PRIMARY KEY REFERENCES big, note text); INSERT INTO small SELECT i, 'n' || i FROM generate_series(1, 500) i");
    }

    /** Terminates, once, the backend of {@code server} whose query matches {@code pattern}, when the big table's copy reports progress. */
    private static MigrationListener terminatingOnce(TestDatabase server, String pattern, AtomicInteger terminated) {
        return new MigrationListener() {
            @Override
            public void tableProgress(TableProgress progress) {
                if (progress.qualifiedName().equals("public.big") && terminated.get() == 0) {
                    terminated.addAndGet(Integer.parseInt(server.queryValue("SELECT count(pg_catalog.pg_terminate_backend(pid))"
                            + " FROM pg_catalog.pg_stat_activity WHERE pid <> pg_catalog.pg_backend_pid() AND query LIKE '" + pattern + "'")));
                }
            }
        };
    }

    private static MigrationResult migrate(TestDatabase source, TestDatabase target, MigrationListener listener) {
        return Migration.from(source.endpoint()).to(target.endpoint()).jobs(2).throttle(3_000_000).listener(listener).execute();
    }

    private static List<MigrationWarning> retried(MigrationResult result) {
        return result.warnings().stream().filter(w -> w.code().equals("retried")).toList();
    }

    @Test
    void aTerminatedTargetCopySessionIsRetried(@Pg(instance = "source") TestDatabase source, @Pg(instance = "target") TestDatabase target) {
        slowTable(source);
        AtomicInteger terminated = new AtomicInteger();

        MigrationResult result = migrate(source, target, terminatingOnce(target, "COPY %big% FROM STDIN%", terminated));

        assertThat(terminated).hasValue(1);
        assertThat(result.completed()).isTrue();
        assertThat(retried(result)).singleElement().satisfies(w -> assertThat(w.message()).contains("rows of", "big", "attempt 2 of 5"));
        assertThat(result.tables()).filteredOn(t -> t.name().equals("big")).singleElement()
                .satisfies(t -> assertThat(t.rows()).isEqualTo(60000));
        assertThatDatabase(target).isEquivalentTo(source);
        assertThat(target.queryValue("SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = 'pgmigrate'")).isEqualTo("0");
    }

    @Test
    void aTerminatedSourceCopySessionRejoinsTheSnapshot(@Pg(instance = "source") TestDatabase source,
                                                        @Pg(instance = "target") TestDatabase target) {
        slowTable(source);
        AtomicInteger terminated = new AtomicInteger();
        MigrationListener listener = new MigrationListener() {
            final MigrationListener terminate = terminatingOnce(source, "COPY %big% TO STDOUT%", terminated);

            @Override
            public void tableProgress(TableProgress progress) {
                terminate.tableProgress(progress);
                if (terminated.get() == 1) {
                    // written after the snapshot: the retried copy must not see it
                    source.execute("INSERT INTO big VALUES (1000000, 'after the snapshot') ON CONFLICT DO NOTHING");
                }
            }
        };

        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).jobs(2).throttle(3_000_000)
                .verification(VerificationPolicy.SKIP).listener(listener).execute();

        assertThat(terminated).hasValue(1);
        assertThat(retried(result)).singleElement().satisfies(w -> assertThat(w.message()).contains("big"));
        assertThat(target.queryValue("SELECT count(*) FROM big")).isEqualTo("60000");
        source.execute("DELETE FROM big WHERE id = 1000000");
        assertThatDatabase(target).isEquivalentTo(source);
    }

    @Test
    void aPermanentErrorStopsTheRunNamingTheTableAndTheSqlState(@Pg(instance = "source") TestDatabase source,
                                                               @Pg(instance = "target") TestDatabase target) {
        slowTable(source);
        List<MigrationWarning> warnings = new CopyOnWriteArrayList<>();
        MigrationListener breaksTheTarget = new MigrationListener() {
            @Override
            public void tableStarted(String qualifiedName) {
                if (qualifiedName.equals("public.small")) {
                    // every row of small now violates a constraint: no retry can help
                    target.execute("ALTER TABLE public.small ADD CONSTRAINT nothing_fits CHECK (id < 0)");
                }
            }

            @Override
            public void warning(MigrationWarning warning) {
                warnings.add(warning);
            }
        };

        assertThatThrownBy(() -> Migration.from(source.endpoint()).to(target.endpoint()).jobs(1)
                        .listener(breaksTheTarget).execute())
                .isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.MIGRATION_FAILED);
                    assertThat(e.getMessage()).contains("Copying table \"public\".\"small\" failed", "nothing_fits", "SQLSTATE 23514");
                });
        assertThat(warnings).noneMatch(w -> w.code().equals("retried"));
        assertThat(target.queryValue("SELECT count(*) FROM public.small")).isEqualTo("0");
    }

    @Test
    void anErrorThrownOnAWorkerFailsTheRunWithThatCause(@Pg(instance = "source") TestDatabase source,
                                                       @Pg(instance = "target") TestDatabase target) {
        slowTable(source);
        AssertionError thrown = new AssertionError("a listener's assertion on a worker thread");
        MigrationListener failsOnSmall = new MigrationListener() {
            @Override
            public void tableStarted(String qualifiedName) {
                if (qualifiedName.equals("public.small")) {
                    throw thrown;
                }
            }
        };

        // without verification nothing else would notice that small was never copied
        assertThatThrownBy(() -> Migration.from(source.endpoint()).to(target.endpoint()).jobs(2)
                        .verification(VerificationPolicy.SKIP).listener(failsOnSmall).execute())
                .isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.MIGRATION_FAILED);
                    assertThat(e).hasRootCause(thrown);
                    assertThat(e.getMessage()).contains("threw from tableStarted(public.small)", "a listener's assertion on a worker thread");
                });
    }
}
