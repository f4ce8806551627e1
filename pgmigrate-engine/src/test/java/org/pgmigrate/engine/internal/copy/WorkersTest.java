package org.pgmigrate.engine.internal.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
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
    void theLargerOfTwoWaitingJobsOfAPriorityGoesFirst() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        try (Workers workers = new Workers(1, RunThreads.ofItsOwn("t"), () -> null, () -> null)) {
            workers.submit(s -> release.await(5, TimeUnit.SECONDS));
            workers.submit(Priority.LOW, 10, s -> order.add("read of a small table"));
            workers.submit(Priority.LOW, 1000, s -> order.add("read of a large table"));
            workers.submit(Priority.LOW, 10, s -> order.add("read of another small table"));
            workers.submit(Priority.NORMAL, s -> order.add("copy"));
            release.countDown();
            workers.awaitIdle();
        }
        assertThat(order).containsExactly("copy", "read of a large table", "read of a small table", "read of another small table");
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
    void spareCountsEveryOtherWorkerOnceNothingAboveLowWaits() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        CountDownLatch otherStarted = new CountDownLatch(1);
        CountDownLatch releaseOther = new CountDownLatch(1);
        CountDownLatch releaseCopy = new CountDownLatch(1);
        try (Workers workers = new Workers(2, RunThreads.ofItsOwn("t"), () -> null, () -> null)) {
            // one worker busy for a while, as a copy of another table would be
            workers.submit(s -> {
                otherStarted.countDown();
                releaseOther.await(5, TimeUnit.SECONDS);
            });
            otherStarted.await(5, TimeUnit.SECONDS);
            workers.submit(s -> {
                // a verification read waits: the other worker still counts as spare
                workers.submit(Priority.LOW, x -> {});
                seen.add(workers.spare());
                // a copy waits too: it needs the other worker next, which is no longer spare
                workers.submit(s2 -> releaseCopy.await(5, TimeUnit.SECONDS));
                seen.add(workers.spare());
            });
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
            releaseOther.countDown();
            releaseCopy.countDown();
            workers.awaitIdle();
            // the copy and the read have run: nothing waits, the other worker is spare again
            workers.submit(s -> seen.add(workers.spare()));
            workers.awaitIdle();
        }
        assertThat(seen).containsExactly(1, 0, 1);
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
