package org.pgmigrate.engine.internal.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pgmigrate.engine.internal.run.RunThreads;
import org.pgmigrate.engine.internal.copy.Workers.Priority;

class WorkersTest {
    @Test
    void urgentJobsOvertakeWaitingOnesAndJobsMaySubmitJobs() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        try (Workers workers = new Workers(1, RunThreads.ofItsOwn("t"), () -> null, () -> null)) {
            workers.submit(s -> release.await(5, TimeUnit.SECONDS));
            workers.submit(s -> {
                order.add("copy a");
                workers.submit(Priority.HIGH, x -> order.add("index of a"));
            });
            workers.submit(s -> order.add("copy b"));
            workers.submit(Priority.HIGH, s -> order.add("urgent"));
            release.countDown();
            workers.awaitIdle();
        }
        assertThat(order).containsExactly("urgent", "copy a", "index of a", "copy b");
    }

    @Test
    void idleCountsTheWorkersThatNeitherRunNorAwaitAJob() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch releaseLast = new CountDownLatch(1);
        try (Workers workers = new Workers(3, RunThreads.ofItsOwn("t"), () -> null, () -> null)) {
            assertThat(workers.idle()).isEqualTo(3);
            workers.submit(s -> {
                seen.add(workers.idle());
                firstStarted.countDown();
                releaseFirst.await(5, TimeUnit.SECONDS);
            });
            firstStarted.await(5, TimeUnit.SECONDS);
            for (int i = 0; i < 4; i++) {
                workers.submit(s -> releaseLast.await(5, TimeUnit.SECONDS));
            }
            // three blocked, two waiting in the queue: none idle
            assertThat(workers.idle()).isZero();
            releaseFirst.countDown();
            releaseLast.countDown();
            workers.awaitIdle();
            workers.submit(s -> seen.add(workers.idle()));
            workers.awaitIdle();
        }
        assertThat(seen).containsExactly(2, 2);
    }

    @Test
    void theFirstFailureStopsWhatHasNotStartedAndIsRethrown() {
        List<String> ran = new CopyOnWriteArrayList<>();
        try (Workers workers = new Workers(1, RunThreads.ofItsOwn("t"), () -> null, () -> null)) {
            workers.submit(s -> {
                throw new IllegalStateException("first");
            });
            workers.submit(s -> ran.add("later"));
            assertThatThrownBy(workers::awaitIdle).hasMessage("first");
        }
        assertThat(ran).isEmpty();
    }

    @Test
    void anErrorInAJobIsAFailureToo() {
        List<String> ran = new CopyOnWriteArrayList<>();
        StackOverflowError error = new StackOverflowError("deep");
        try (Workers workers = new Workers(1, RunThreads.ofItsOwn("t"), () -> null, () -> null)) {
            workers.submit(s -> {
                throw error;
            });
            workers.submit(s -> ran.add("later"));
            assertThatThrownBy(workers::awaitIdle).isInstanceOf(Workers.WorkerError.class).hasCause(error)
                    .hasMessageContaining("StackOverflowError: deep");
        }
        assertThat(ran).isEmpty();
    }
}
