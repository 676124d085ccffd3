package dev.leakwatch.agent.watch;

import static dev.leakwatch.agent.watch.WatchHarness.jvm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.leakwatch.agent.config.AgentConfig;
import dev.leakwatch.agent.findings.MemoryFindingsRepository;
import dev.leakwatch.agent.findings.ProcessFindings;
import dev.leakwatch.agent.findings.WatchedProcess;
import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.core.model.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A reload's {@code leak_watch} section applied to a running watch: what changes, and what state stays. */
class LeakWatchReloadTest {
    private static final Labels LEAKY = jvm(100, "LeakyService");
    private static final WatchedProcess LEAKY_PROCESS = new WatchedProcess(100, 1000, "LeakyService");
    private static final Duration THREE_MINUTES = Duration.ofMinutes(3);

    private final MemoryFindingsRepository repo = new MemoryFindingsRepository(10);
    private WatchHarness h;

    @AfterEach
    void stop() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    private WatchHarness begun(AgentConfig.LeakWatch settings, EvidenceCapture capture) {
        h = new WatchHarness(settings, repo, capture);
        h.watch.begin();
        return h;
    }

    private static AgentConfig.LeakWatch trendOnly() {
        return WatchHarness.settings(false, Duration.ofMinutes(30), 4);
    }

    private static AgentConfig.LeakWatch with(AgentConfig.LeakWatch s, boolean enabled, Duration interval,
            Duration window) {
        return new AgentConfig.LeakWatch(enabled, interval, window, s.warmup(), s.selfWarmup(), s.capture());
    }

    private static AgentConfig.LeakWatch with(AgentConfig.LeakWatch s, AgentConfig.Capture capture) {
        return new AgentConfig.LeakWatch(s.enabled(), s.interval(), s.window(), s.warmup(), s.selfWarmup(), capture);
    }

    /** A JVM leaking 10 threads per reading until {@code until}. */
    private void leakyThreads(Duration until) {
        h.startProcess(100);
        h.series("jvm_threads_live", LEAKY, until, i -> 20 + 10 * i);
    }

    @Test
    void aShorterWindowKeepsALeakUntilThreeQuietEvaluationsOnItClearIt() throws Exception {
        AgentConfig.LeakWatch before = trendOnly();
        begun(before, pending());
        leakyThreads(THREE_MINUTES);
        h.runAt(THREE_MINUTES);
        assertThat(h.logLines("leak confirmed")).hasSize(1);

        h.watch.apply(with(before, true, before.interval(), Duration.ofMinutes(3)));
        assertThat(h.logLines("leak watch settings changed")).singleElement().asString()
                .isEqualTo("INFO leak watch settings changed: window 15m -> 3m");
        h.runAt(THREE_MINUTES.plusSeconds(15));
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "100", "resource", "threads"))
                .as("the growth is still in the shorter window").hasValue(1);

        // Flat from now on: the detectors see the plateau, and the ordinary rule clears the leak.
        long clearedAt = -1;
        for (int step = 1; step <= 24 && clearedAt < 0; step++) {
            Duration at = THREE_MINUTES.plusSeconds(step * 15L);
            h.write("jvm_threads_live", LEAKY, 140, WatchHarness.T0 + at.toMillis());
            if (step % 2 == 0) {
                h.runAt(at);
                if (!h.logLines("leak cleared").isEmpty()) {
                    clearedAt = at.toMillis();
                }
            }
        }
        assertThat(h.logLines("leak cleared")).singleElement().asString().contains("pid=100");
        assertThat(clearedAt).as("not before three quiet evaluations (every 30 s) after the reload")
                .isGreaterThanOrEqualTo(THREE_MINUTES.plusSeconds(90).toMillis());
        ProcessFindings stored = repo.find(LEAKY_PROCESS).orElseThrow();
        assertThat(stored.diagnosis().window().start())
                .as("documents made after the reload use the new window")
                .isEqualTo(stored.updated().minus(Duration.ofMinutes(3)));
    }

    @Test
    void disablingDropsTheMetricsAndStateButKeepsTheStoredFindingsAndEnablingRestoresThem() {
        AgentConfig.LeakWatch on = trendOnly();
        begun(on, pending());
        leakyThreads(Duration.ofMinutes(6));
        h.runAt(THREE_MINUTES);
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "100", "resource", "threads")).hasValue(1);
        assertThat(h.gauge("leakwatch_leak_watch_enabled")).hasValue(1);
        double runs = h.gauge("leakwatch_leak_watch_runs_total").orElseThrow();

        h.watch.apply(with(on, false, on.interval(), on.window()));
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "100")).as("per-process metrics removed").isEmpty();
        assertThat(h.gauge("leakwatch_leak_growth_per_minute", "pid", "100")).isEmpty();
        assertThat(h.gauge("leakwatch_leak_watch_enabled")).hasValue(0);
        assertThat(h.gauge("leakwatch_leak_watch_processes")).hasValue(0);
        h.runAt(Duration.ofMinutes(4));
        assertThat(h.gauge("leakwatch_leak_watch_runs_total")).as("a disabled watch does not evaluate").hasValue(runs);
        assertThat(repo.find(LEAKY_PROCESS)).as("findings stay stored")
                .hasValueSatisfying(f -> assertThat(f.diagnosis().verdict()).isEqualTo(Verdict.LEAK));

        h.watch.apply(on);
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "100", "resource", "threads"))
                .as("restored from the store as at a start").hasValue(1);
        assertThat(h.logLines("restored the findings of 1 running process")).hasSize(1);
        h.runAt(Duration.ofMinutes(5));
        assertThat(h.logLines("leak confirmed")).as("not logged again").hasSize(1);
        assertThat(h.gauge("leakwatch_leak_watch_enabled")).hasValue(1);
        assertThat(h.gauge("leakwatch_leak_watch_runs_total")).hasValue(runs + 1);
        assertThat(h.logLines("leak watch settings changed")).containsExactly(
                "INFO leak watch settings changed: enabled true -> false",
                "INFO leak watch settings changed: enabled false -> true");
    }

    @Test
    void aCaptureInProgressFinishesWithItsOldDurationAndItsEvidenceIsApplied() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Duration> durations = new CopyOnWriteArrayList<>();
        AgentConfig.LeakWatch before = WatchHarness.defaults();
        begun(before, (pid, duration) -> {
            durations.add(duration);
            release.await();
            return LeakWatchTest.capturedThreadLeak(pid);
        });
        leakyThreads(Duration.ofMinutes(5));
        h.runAt(THREE_MINUTES);
        assertThat(h.watch.captureRunning()).isTrue();

        h.watch.apply(with(before, new AgentConfig.Capture(false, Duration.ofSeconds(20),
                before.capture().perProcessInterval(), before.capture().maxPerHour())));
        assertThat(h.watch.captureRunning()).as("not interrupted by the reload").isTrue();
        release.countDown();
        await().atMost(10, TimeUnit.SECONDS).until(() -> !h.watch.captureRunning());
        h.runAt(THREE_MINUTES.plusSeconds(30));

        assertThat(durations).containsExactly(Duration.ofSeconds(60));
        assertThat(h.logLines("leak confirmed")).singleElement().asString().contains("culprit=fetch-* (thread-stack)");
        assertThat(h.gauge("leakwatch_leak_captures_total", "outcome", "completed")).hasValue(1);
        assertThat(repo.find(LEAKY_PROCESS).orElseThrow().diagnosis().captures()).isNotEmpty();
    }

    @Test
    void aRaisedHourlyBudgetLetsAWaitingSuspicionCaptureAndALoweredOneCountsTheCapturesMade() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AgentConfig.LeakWatch one = WatchHarness.settings(true, Duration.ofMinutes(30), 1);
        begun(one, (pid, d) -> {
            calls.incrementAndGet();
            return LeakWatchTest.capturedThreadLeak(pid);
        });
        h.startProcess(100);
        h.startProcess(300);
        h.series("jvm_threads_live", LEAKY, THREE_MINUTES, i -> 20 + 10 * i);
        h.series("jvm_threads_live", jvm(300, "OtherLeak"), THREE_MINUTES, i -> 20 + 5 * i);
        h.runAt(THREE_MINUTES);
        await().atMost(10, TimeUnit.SECONDS).until(() -> calls.get() == 1 && !h.watch.captureRunning());
        h.runAt(THREE_MINUTES.plusSeconds(30));
        assertThat(h.gauge("leakwatch_leak_captures_skipped_total", "reason", "global_budget")).hasValue(1);

        h.watch.apply(WatchHarness.settings(true, Duration.ofMinutes(30), 2));
        h.runAt(THREE_MINUTES.plusSeconds(60));
        await().atMost(10, TimeUnit.SECONDS).until(() -> calls.get() == 2 && !h.watch.captureRunning());

        h.watch.apply(one);
        h.startProcess(400);
        h.series("jvm_threads_live", jvm(400, "ThirdLeak"), THREE_MINUTES.plusSeconds(90), i -> 20 + 7 * i);
        h.runAt(THREE_MINUTES.plusSeconds(90));
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "400", "resource", "threads")).hasValue(1);
        assertThat(h.watch.captureRunning()).isFalse();
        assertThat(calls.get()).as("two captures this hour: a limit of one refuses a third").isEqualTo(2);
        assertThat(h.gauge("leakwatch_leak_captures_skipped_total", "reason", "global_budget")).hasValue(2);
    }

    @Test
    void capturesTurnedOnAskForEvidenceOfASuspectThatHasNone() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AgentConfig.LeakWatch off = trendOnly();
        begun(off, (pid, d) -> {
            calls.incrementAndGet();
            return LeakWatchTest.capturedThreadLeak(pid);
        });
        // Heap stays a suspect without class histograms.
        h.startProcess(100);
        h.series("jvm_memory_old_gen_after_gc_bytes", LEAKY, THREE_MINUTES, i -> 50e6 + 4e6 * i);
        h.write("jvm_memory_max_bytes", LEAKY.with("area", "heap"), 256e6, WatchHarness.T0);
        h.runAt(THREE_MINUTES);
        assertThat(h.logLines("leak suspected: pid=100 process=LeakyService resource=heap")).hasSize(1);
        h.runAt(THREE_MINUTES.plusSeconds(30));
        assertThat(calls.get()).isZero();

        h.watch.apply(WatchHarness.defaults());
        h.runAt(THREE_MINUTES.plusSeconds(60));
        await().atMost(10, TimeUnit.SECONDS).until(() -> calls.get() == 1 && !h.watch.captureRunning());
    }

    @Test
    void aChangedIntervalReschedulesTheRunsAndDisablingUnschedulesThem() throws Exception {
        AgentConfig.LeakWatch hourly = with(trendOnly(), true, Duration.ofHours(1), Duration.ofHours(1));
        h = new WatchHarness(hourly, repo, pending());
        h.watch.start();
        assertThat(h.watch.scheduledInterval()).hasValue(Duration.ofHours(1));
        // The first run comes at once.
        await().atMost(10, TimeUnit.SECONDS).until(() -> h.gauge("leakwatch_leak_watch_runs_total").orElse(0) == 1);

        h.watch.apply(with(hourly, true, Duration.ofMinutes(2), Duration.ofHours(1)));
        assertThat(h.watch.scheduledInterval()).hasValue(Duration.ofMinutes(2));
        assertThat(h.watch.settings().interval()).isEqualTo(Duration.ofMinutes(2));
        await().atMost(10, TimeUnit.SECONDS).until(() -> h.gauge("leakwatch_leak_watch_runs_total").orElse(0) == 2);

        h.watch.apply(with(hourly, false, Duration.ofMinutes(2), Duration.ofHours(1)));
        assertThat(h.watch.scheduledInterval()).isEmpty();
        h.watch.apply(with(hourly, true, Duration.ofMinutes(5), Duration.ofHours(1)));
        assertThat(h.watch.scheduledInterval()).hasValue(Duration.ofMinutes(5));
        h.watch.stop();
        assertThat(h.watch.scheduledInterval()).isEmpty();
        h.watch.apply(with(hourly, true, Duration.ofMinutes(7), Duration.ofHours(1)));
        assertThat(h.watch.scheduledInterval()).as("a stopped watch schedules nothing").isEmpty();
    }

    /** A capture that runs until the watch stops (interrupting it). */
    private static EvidenceCapture pending() {
        return (pid, duration) -> {
            new CountDownLatch(1).await();
            throw new AssertionError("unreachable: the latch is never released");
        };
    }
}
