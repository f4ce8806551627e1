package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.IndexResult;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.TableProgress;
import org.pgmigrate.TableResult;
import org.pgmigrate.TableVerification;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/**
 * A table whose verification read runs when its last index is built is finished by that read's
 * worker once the read ends: the build's worker does not wait, idle, for the read's lock.
 */
@ExtendWith(PostgresExtension.class)
class TableFinishIT {
    @Test
    void aFinishThatWouldWaitForARunningReadIsLeftToIt(@Pg(instance = "source") TestDatabase source,
                                                       @Pg(instance = "target") TestDatabase target) throws Exception {
        // large enough (about 1 MB) to be copied and indexed on its own rather than in a batch of small tables;
        // its policy is created by the table's finish, which locks the table exclusively
        source.execute("CREATE TABLE public.t (id int, note text); CREATE INDEX t_id ON public.t (id);"
                + " CREATE POLICY t_all ON public.t USING (true);"
                + " INSERT INTO public.t SELECT i, repeat('x', 20) FROM generate_series(1, 20000) i; ANALYZE public.t");
        AtomicReference<Thread> builder = new AtomicReference<>();
        AtomicReference<Thread> reader = new AtomicReference<>();
        AtomicReference<Thread> finisher = new AtomicReference<>();
        CountDownLatch built = new CountDownLatch(1);
        MigrationResult result;
        try (Connection gate = target.connect()) {
            gate.setAutoCommit(false);
            MigrationListener listener = new MigrationListener() {
                @Override
                public void tableCopied(TableProgress copied) {
                    // the index build (SHARE) waits for this lock, the table's read (ACCESS SHARE) does not
                    if (copied.qualifiedName().equals("public.t")) {
                        run(gate, "LOCK TABLE public.t IN ROW EXCLUSIVE MODE");
                    }
                }

                @Override
                public void indexBuilt(IndexResult index) {
                    if (index.table().equals("public.t")) {
                        builder.set(Thread.currentThread());
                        built.countDown();
                    }
                }

                @Override
                public void tableVerified(TableVerification verification) {
                    if (!verification.qualifiedName().equals("public.t")) {
                        return;
                    }
                    reader.set(Thread.currentThread());
                    run(gate, "COMMIT");
                    try {
                        assertThat(built.await(1, TimeUnit.MINUTES)).as("the index is built").isTrue();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    // the read still runs: hold it until the build's worker has either finished the
                    // table itself or left it to this read and gone back to wait for work
                    Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> finisher.get() != null
                            || EnumSet.of(Thread.State.WAITING, Thread.State.TIMED_WAITING).contains(builder.get().getState()));
                }

                @Override
                public void tableFinished(TableResult table) {
                    if (table.qualifiedName().equals("public.t")) {
                        finisher.set(Thread.currentThread());
                    }
                }
            };
            result = Migration.from(source.endpoint()).to(target.endpoint()).jobs(2).listener(listener).execute();
        }

        assertThat(result.verification()).hasValueSatisfying(v -> assertThat(v.equal()).isTrue());
        assertThat(reader.get()).as("the read ran while the index was built").isNotEqualTo(builder.get());
        assertThat(finisher.get()).as("the worker that finished the table").isSameAs(reader.get());
        assertThat(target.queryValue("SELECT count(*) FROM pg_catalog.pg_policy WHERE polname = 't_all'")).isEqualTo("1");
    }

    private static void run(Connection connection, String sql) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
