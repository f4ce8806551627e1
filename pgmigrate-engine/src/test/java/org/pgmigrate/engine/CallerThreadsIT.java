package org.pgmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.Phase;
import org.pgmigrate.RoleSelection;
import org.pgmigrate.TableProgress;
import org.pgmigrate.TableVerification;
import org.pgmigrate.testkit.TestDatabase;
import org.pgmigrate.testkit.junit5.Pg;
import org.pgmigrate.testkit.junit5.PostgresExtension;

/** The caller owns the threads: its factory makes them, it waits as it likes, and interrupting it stops the run. */
@ExtendWith(PostgresExtension.class)
class CallerThreadsIT {
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    /** A team's factory: names of its own, and a record of every thread it made. */
    static final class TeamThreads implements ThreadFactory {
        final Set<Thread> made = ConcurrentHashMap.newKeySet();
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread t = new Thread(task, "team-" + count.incrementAndGet());
            t.setDaemon(true);
            made.add(t);
            return t;
        }
    }

    /** Copy progress is reported once this many rows are in: a throttled copy of them takes seconds. */
    private static void slowTable(TestDatabase source) {
        source.execute("CREATE TABLE public.big (id int PRIMARY KEY, v text);"
                + " INSERT INTO public.big SELECT i, repeat(md5(i::text), 3) FROM generate_series(1, 100000) i");
    }

    @Test
    void everyThreadOfTheRunComesFromTheCallersFactory(@Pg(instance = "source") TestDatabase source,
                                                       @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE public.a (id int PRIMARY KEY); INSERT INTO public.a SELECT generate_series(1, 100);"
                + " CREATE TABLE public.b (id int PRIMARY KEY); INSERT INTO public.b SELECT generate_series(1, 100)");
        TeamThreads team = new TeamThreads();
        Set<Thread> calledOn = ConcurrentHashMap.newKeySet();
        MigrationListener recordsThreads = new MigrationListener() {
            @Override
            public void phaseStarted(Phase phase) {
                calledOn.add(Thread.currentThread());
            }

            @Override
            public void tableStarted(String qualifiedName) {
                calledOn.add(Thread.currentThread());
            }

            @Override
            public void tableVerified(TableVerification verification) {
                calledOn.add(Thread.currentThread());
            }
        };

        MigrationResult result = Migration.from(source.endpoint()).to(target.endpoint()).roles(RoleSelection.NONE).jobs(2)
                .threadFactory(team).listener(recordsThreads).execute();

        assertThat(result.completed()).isTrue();
        // the run's own thread and two workers at least, and every callback on one of them
        assertThat(team.made).hasSizeGreaterThanOrEqualTo(3);
        assertThat(calledOn).isNotEmpty().allSatisfy(t -> assertThat(team.made).contains(t));
    }

    @Test
    void aListenerOnTheCallersThreadsMayCancelTheRun(@Pg(instance = "source") TestDatabase source,
                                                     @Pg(instance = "target") TestDatabase target) {
        source.execute("CREATE TABLE public.t (id int PRIMARY KEY); INSERT INTO public.t SELECT generate_series(1, 100)");
        CompletableFuture<MigrationHandle> started = new CompletableFuture<>();
        MigrationListener cancelsAtTheCopy = new MigrationListener() {
            @Override
            public void phaseStarted(Phase phase) {
                if (phase == Phase.DATA) {
                    started.join().cancel(); // on a thread of the run, named by the caller: must not wait for the run
                }
            }
        };
        MigrationHandle handle = Migration.from(source.endpoint()).to(target.endpoint()).roles(RoleSelection.NONE)
                .threadFactory(new TeamThreads()).listener(cancelsAtTheCopy).start();
        started.complete(handle);

        long start = System.nanoTime();
        assertThatThrownBy(handle::await).isInstanceOfSatisfying(PgMigrateException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
        CompletableFuture<MigrationResult> completion = handle.completion().toCompletableFuture();
        assertThat(completion).isCompletedExceptionally();
        assertThatThrownBy(completion::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
    }

    @Test
    void aTimedWaitEndsAtItsTimeoutOrInterruptionAndTheRunGoesOn(@Pg(instance = "source") TestDatabase source,
                                                                 @Pg(instance = "target") TestDatabase target) throws Exception {
        slowTable(source);
        // 10 MB at 2 MB/s: about 5 s
        try (MigrationHandle handle = Migration.from(source.endpoint()).to(target.endpoint()).roles(RoleSelection.NONE)
                .throttle(2_000_000).start()) {
            assertThat(handle.await(Duration.ofMillis(200))).isEmpty();
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> handle.await(Duration.ofMinutes(1))).isInstanceOf(InterruptedException.class);
            assertThat(handle.completion().toCompletableFuture()).isNotDone();

            MigrationResult result = handle.await(Duration.ofMinutes(2)).orElseThrow();

            assertThat(result.completed()).isTrue();
            assertThat(handle.completion().toCompletableFuture().join()).isSameAs(result);
        }
        assertThat(target.queryValue("SELECT count(*) FROM public.big")).isEqualTo("100000");
    }

    @Test
    void interruptingTheThreadInExecuteCancelsTheRun(@Pg(instance = "source") TestDatabase source,
                                                     @Pg(instance = "target") TestDatabase target) throws Exception {
        slowTable(source);
        CountDownLatch copying = new CountDownLatch(1);
        MigrationListener listener = new MigrationListener() {
            @Override
            public void tableProgress(TableProgress progress) {
                copying.countDown();
            }
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        // 10 MB at 400 kB/s: 25 s unless stopped
        Thread caller = new Thread(() -> {
            try {
                Migration.from(source.endpoint()).to(target.endpoint()).roles(RoleSelection.NONE).throttle(400_000)
                        .listener(listener).execute();
            } catch (Throwable t) {
                thrown.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        assertThat(copying.await(1, TimeUnit.MINUTES)).isTrue();

        long start = System.nanoTime();
        caller.interrupt();
        caller.join(Duration.ofMinutes(1).toMillis());

        assertThat(caller.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
        assertThat(thrown.get()).isInstanceOfSatisfying(PgMigrateException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
        assertThat(stillInterrupted).isTrue();
        assertThat(target.queryValue("SELECT count(*) FROM public.big")).isEqualTo("0");
    }
}
