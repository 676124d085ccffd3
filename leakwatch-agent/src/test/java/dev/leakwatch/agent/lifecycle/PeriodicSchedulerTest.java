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
}
