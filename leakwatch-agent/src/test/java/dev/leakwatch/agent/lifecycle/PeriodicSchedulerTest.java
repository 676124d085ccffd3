package dev.leakwatch.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeriodicSchedulerTest {
    private static final Duration LONG = Duration.ofHours(1);

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final TaskObserver observer = new TaskObserver() {
        @Override
        public void skipped(String task) {
            events.add("skipped " + task);
        }

        @Override
        public void finished(String task, long durationNanos, Throwable failure) {
            events.add((failure == null ? "ok " : "failed " + failure.getMessage() + " ") + task);
        }

        @Override
        public void timedOut(String task, long durationNanos) {
            events.add("timeout " + task);
        }
    };
    private final PeriodicScheduler scheduler = new PeriodicScheduler("collect", 2, observer);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        scheduler.stop();
    }

    @Test
    void runsEveryIntervalOnNamedThreads() {
        AtomicInteger runs = new AtomicInteger();
        List<String> threads = new CopyOnWriteArrayList<>();
        scheduler.schedule("tick", Duration.ofMillis(10), Duration.ofSeconds(5), run -> {
            runs.incrementAndGet();
            threads.add(Thread.currentThread().getName());
        });
        scheduler.start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> runs.get() >= 3);
        assertThat(threads).allSatisfy(t -> assertThat(t).matches("leakwatch-collect(-\\d+)?"));
        assertThat(events).contains("ok tick");
    }

    @Test
    void aBusyRunIsSkippedAndCountedNeverQueued() {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        scheduler.schedule("slow", LONG, Duration.ofMinutes(5), run -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                if (runs.incrementAndGet() == 1) {
                    release.await();
                }
            } finally {
                concurrent.decrementAndGet();
            }
        });
        scheduler.start(); // the first run starts right away and blocks
        await().until(() -> runs.get() == 1);
        scheduler.fire("slow");
        scheduler.fire("slow");
        assertThat(events).containsExactly("skipped slow", "skipped slow");
        release.countDown();
        await().until(() -> events.contains("ok slow"));
        scheduler.fire("slow");
        await().until(() -> runs.get() == 2);
        assertThat(maxConcurrent.get()).isEqualTo(1);
    }

    @Test
    void aRunOverItsTimeoutIsAbandonedAndInterrupted() {
        CountDownLatch interrupted = new CountDownLatch(1);
        List<Boolean> abandonedSeen = new CopyOnWriteArrayList<>();
        scheduler.schedule("hang", LONG, Duration.ofMillis(50), run -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                abandonedSeen.add(run.abandoned());
                interrupted.countDown();
            }
        });
        scheduler.start();
        // Generous bounds: on a loaded machine the watchdog itself may be late.
        await().atMost(30, TimeUnit.SECONDS).until(() -> interrupted.getCount() == 0);
        await().atMost(30, TimeUnit.SECONDS).until(() -> events.contains("timeout hang"));
        assertThat(abandonedSeen).containsExactly(true);
        assertThat(events).doesNotContain("ok hang");
    }

    @Test
    void aFailingRunIsReportedAndTheNextStillRuns() {
        AtomicInteger runs = new AtomicInteger();
        scheduler.schedule("flaky", LONG, Duration.ofSeconds(5), run -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("boom");
            }
        });
        scheduler.start();
        await().until(() -> events.contains("failed boom flaky"));
        scheduler.fire("flaky");
        await().until(() -> events.contains("ok flaky"));
    }

    @Test
    void stopInterruptsRunningWorkAndWaitsForIt() throws InterruptedException {
        AtomicInteger finished = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        scheduler.schedule("long", LONG, Duration.ofMinutes(5), run -> {
            started.countDown();
            try {
                release.await();
            } finally {
                finished.incrementAndGet();
            }
        });
        scheduler.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        scheduler.stop();
        assertThat(finished.get()).isEqualTo(1);
        scheduler.fire("long");
        assertThat(events).doesNotContain("skipped long");
    }

    @Test
    void cancelledTaskStopsRunning() {
        AtomicInteger runs = new AtomicInteger();
        PeriodicScheduler.Cancellable handle = scheduler.schedule("once", LONG, Duration.ofSeconds(5),
                run -> runs.incrementAndGet());
        scheduler.start();
        await().until(() -> runs.get() == 1);
        handle.cancel();
        assertThat(scheduler.taskNames()).isEmpty();
    }

    @Test
    void tasksDueAtTheSameIntervalRunAsOneBatchOnOneWakeUp() {
        List<String> threads = new CopyOnWriteArrayList<>();
        for (String task : List.of("a", "b", "c")) {
            scheduler.schedule(task, LONG, Duration.ofSeconds(5), run -> threads.add(task + " " + Thread.currentThread().getName()));
        }
        scheduler.schedule("other", Duration.ofHours(2), Duration.ofSeconds(5), run -> threads.add("other"));
        scheduler.start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> events.containsAll(List.of("ok a", "ok b", "ok c", "ok other")));
        // Two intervals, two firings; a, b and c ran one after another on one worker, in order.
        assertThat(scheduler.cadenceFirings()).isEqualTo(2);
        List<String> batch = threads.stream().filter(t -> !t.equals("other")).toList();
        String worker = batch.get(0).substring(2);
        assertThat(batch).containsExactly("a " + worker, "b " + worker, "c " + worker);
    }

    @Test
    void aRunPastItsTimeoutDoesNotHoldUpTheRestOfItsBatch() {
        CountDownLatch nextRan = new CountDownLatch(1);
        List<Boolean> nextAbandoned = new CopyOnWriteArrayList<>();
        scheduler.schedule("stuck", LONG, Duration.ofMillis(50), run -> {
            // Deaf to interrupts, like a read from a hung network filesystem.
            boolean released = false;
            while (!released) {
                try {
                    released = release.await(1, TimeUnit.HOURS);
                } catch (InterruptedException e) {
                    // keep waiting
                }
            }
        });
        scheduler.schedule("next", LONG, Duration.ofMinutes(5), run -> {
            nextAbandoned.add(run.abandoned());
            nextRan.countDown();
        });
        scheduler.start();
        await().atMost(30, TimeUnit.SECONDS).until(() -> nextRan.getCount() == 0);
        assertThat(events).contains("timeout stuck", "ok next");
        assertThat(nextAbandoned).containsExactly(false);
    }

    @Test
    void theInterruptOfATimedOutRunDoesNotAbandonTheNextRunOfItsBatch() {
        CountDownLatch next = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        scheduler.schedule("interruptible", LONG, Duration.ofMillis(50), run -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // returns with the flag set, as well-behaved code does
                seen.add("interruptible " + Thread.currentThread().getName());
            }
        });
        scheduler.schedule("after", LONG, Duration.ofMinutes(5), run -> {
            seen.add("after abandoned=" + run.abandoned() + " interrupted=" + Thread.currentThread().isInterrupted());
            next.countDown();
        });
        scheduler.start();
        await().atMost(30, TimeUnit.SECONDS).until(() -> next.getCount() == 0);
        assertThat(seen).contains("after abandoned=false interrupted=false");
        await().atMost(30, TimeUnit.SECONDS).until(() -> events.contains("timeout interruptible"));
        assertThat(events).contains("ok after").doesNotContain("ok interruptible");
    }

    @Test
    void aBusyTaskIsSkippedWhileTheOthersOfItsCadenceRun() {
        AtomicInteger quickRuns = new AtomicInteger();
        CountDownLatch slowStarted = new CountDownLatch(1);
        scheduler.schedule("quick", LONG, Duration.ofMinutes(5), run -> quickRuns.incrementAndGet());
        scheduler.schedule("slow", LONG, Duration.ofMinutes(5), run -> {
            slowStarted.countDown();
            release.await();
        });
        scheduler.start();
        await().until(() -> slowStarted.getCount() == 0);
        // One worker is still in "slow": the next firing skips it and runs "quick" on the other.
        scheduler.fireTogether(List.of("quick", "slow"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> quickRuns.get() == 2);
        assertThat(events).containsOnlyOnce("skipped slow").doesNotContain("skipped quick");
    }
}
