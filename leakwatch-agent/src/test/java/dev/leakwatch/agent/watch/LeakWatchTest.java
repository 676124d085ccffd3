package dev.leakwatch.agent.watch;

import static dev.leakwatch.agent.watch.WatchHarness.jvm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.leakwatch.agent.findings.FindingsException;
import dev.leakwatch.agent.findings.FindingsRepository;
import dev.leakwatch.agent.findings.MemoryFindingsRepository;
import dev.leakwatch.agent.findings.ProcessFindings;
import dev.leakwatch.agent.findings.WatchedProcess;
import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.core.model.Culprit;
import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.model.Evidence;
import dev.leakwatch.core.model.Finding;
import dev.leakwatch.core.model.Resource;
import dev.leakwatch.core.model.Severity;
import dev.leakwatch.core.model.Target;
import dev.leakwatch.core.model.Unit;
import dev.leakwatch.core.model.Verdict;
import dev.leakwatch.core.model.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeakWatchTest {
    private static final Labels LEAKY = jvm(100, "LeakyService");
    private static final Labels STEADY = jvm(200, "SteadyService");
    private static final Duration THREE_MINUTES = Duration.ofMinutes(3);

    private WatchHarness h;

    @AfterEach
    void stop() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    private WatchHarness harness(EvidenceCapture capture) {
        return harness(WatchHarness.defaults(), new MemoryFindingsRepository(100), capture);
    }

    private WatchHarness harness(dev.leakwatch.agent.config.AgentConfig.LeakWatch settings, FindingsRepository repo,
            EvidenceCapture capture) {
        h = new WatchHarness(settings, repo, capture);
        h.watch.begin();
        return h;
    }

    /** A JVM leaking 10 threads per reading and a JVM whose thread count only wobbles. */
    private void leakyAndSteadyThreads(Duration until) {
        h.startProcess(100);
        h.startProcess(200);
        h.series("jvm_threads_live", LEAKY, until, i -> 20 + 10 * i);
        h.series("jvm_threads_live", STEADY, until, i -> 20 + (i % 3));
    }

    @Test
    void aLeakingJvmIsSuspectedWithinThreeMinutesAndABenignOneIsNot() {
        harness(pending());
        leakyAndSteadyThreads(THREE_MINUTES);
        h.runAt(THREE_MINUTES);

        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "100", "process", "LeakyService", "resource", "threads"))
                .hasValue(1);
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "200", "process", "SteadyService", "resource", "threads"))
                .hasValue(0);
        assertThat(h.gauge("leakwatch_leak_growth_per_minute", "pid", "100", "resource", "threads", "unit", "threads"))
                .hasValue(40);
        assertThat(h.labelNames("leakwatch_leak_suspected")).containsOnly(Set.of("pid", "process", "resource"));
        assertThat(h.labelNames("leakwatch_leak_growth_per_minute")).containsOnly(Set.of("pid", "process", "resource", "unit"));
        assertThat(h.logLines("leak suspected")).singleElement().asString()
                .contains("pid=100 process=LeakyService resource=threads growth=+40 threads/min");
    }

    @Test
    void aYoungProcessHasNoVerdictUntilEnoughReadingsFollowItsWarmup() {
        harness(pending());
        leakyAndSteadyThreads(Duration.ofSeconds(120));
        // 30 s of warm-up leave 7 readings up to 2 min, the detector's own warm-up (5% of the span)
        // one fewer: below its 8.
        h.runAt(Duration.ofSeconds(120));
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "100")).isEmpty();
        assertThat(h.log).isEmpty();

        h.write("jvm_threads_live", LEAKY, 300, WatchHarness.T0 + 135_000);
        h.runAt(Duration.ofSeconds(135));
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "100")).isEmpty();
        h.write("jvm_threads_live", LEAKY, 310, WatchHarness.T0 + 150_000);
        h.runAt(Duration.ofSeconds(150));
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "100")).hasValue(1);
    }

    @Test
    void eachStateChangeIsLoggedOnceAndSavedOnce() {
        CountingRepository repo = new CountingRepository();
        harness(WatchHarness.settings(false, Duration.ofMinutes(30), 4), repo, pending());
        leakyAndSteadyThreads(THREE_MINUTES);
        h.runAt(THREE_MINUTES);
        h.runAt(THREE_MINUTES.plusSeconds(30));
        h.runAt(THREE_MINUTES.plusSeconds(60));

        // Without captures a significant, material trend is a leak on its own.
        assertThat(h.logLines("leak confirmed")).singleElement().asString().contains("pid=100");
        assertThat(h.logLines("leak suspected")).isEmpty();
        assertThat(repo.saves.get()).isEqualTo(1);
        assertThat(h.gauge("leakwatch_leak_captures_skipped_total", "reason", "disabled")).hasValue(1);
        assertThat(h.gauge("leakwatch_leak_state_changes_total", "state", "leak")).hasValue(1);
    }

    @Test
    void growthThatStopsIsClearedAfterThreeQuietEvaluations() {
        harness(WatchHarness.settings(false, Duration.ofMinutes(30), 4), new MemoryFindingsRepository(10), pending());
        leakyAndSteadyThreads(THREE_MINUTES);
        h.runAt(THREE_MINUTES);
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "100")).hasValue(1);

        // Then flat for long enough that the window sees a plateau, evaluated every 30 s.
        long last = 20 + 10 * 12;
        for (int step = 1; step <= 60; step++) {
            h.write("jvm_threads_live", LEAKY, last, WatchHarness.T0 + THREE_MINUTES.toMillis() + step * 15_000L);
            if (step % 2 == 0) {
                h.runAt(THREE_MINUTES.plusSeconds(step * 15L));
            }
        }
        assertThat(h.logLines("leak cleared")).singleElement().asString().contains("pid=100 process=LeakyService");
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "100")).hasValue(0);
    }

    @Test
    void aCaptureConfirmsTheLeakAndItsCulpritBecomesTheStoredFinding() throws Exception {
        MemoryFindingsRepository repo = new MemoryFindingsRepository(10);
        AtomicInteger calls = new AtomicInteger();
        harness(WatchHarness.defaults(), repo, (pid, duration) -> {
            calls.incrementAndGet();
            return capturedThreadLeak(pid);
        });
        leakyAndSteadyThreads(THREE_MINUTES);
        h.runAt(THREE_MINUTES);
        await().atMost(10, TimeUnit.SECONDS).until(() -> calls.get() == 1 && !h.watch.captureRunning());
        h.runAt(THREE_MINUTES.plusSeconds(30));

        assertThat(h.logLines("leak suspected")).hasSize(1);
        assertThat(h.logLines("leak confirmed")).singleElement().asString()
                .contains("pid=100 process=LeakyService resource=threads")
                .contains("culprit=fetch-* (thread-stack)");
        ProcessFindings stored = repo.find(new WatchedProcess(100, 1000, "LeakyService")).orElseThrow();
        assertThat(stored.diagnosis().verdict()).isEqualTo(Verdict.LEAK);
        assertThat(stored.diagnosis().findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.LEAK);
            assertThat(f.culprits()).extracting(Culprit::name).containsExactly("fetch-*");
        });
        assertThat(stored.diagnosis().captures()).extracting(Evidence::kind).containsExactly("thread-dump");
        assertThat(h.gauge("leakwatch_leak_captures_total", "outcome", "completed")).hasValue(1);
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "100", "resource", "threads")).hasValue(1);
    }

    @Test
    void onlyOneCaptureRunsAtATimeAndTheOtherWaitsItsTurn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        harness((pid, duration) -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await();
            } finally {
                running.decrementAndGet();
            }
            return capturedThreadLeak(pid);
        });
        h.startProcess(100);
        h.startProcess(300);
        h.series("jvm_threads_live", LEAKY, THREE_MINUTES, i -> 20 + 10 * i);
        h.series("jvm_threads_live", jvm(300, "OtherLeak"), THREE_MINUTES, i -> 20 + 5 * i);
        h.runAt(THREE_MINUTES);
        h.runAt(THREE_MINUTES.plusSeconds(30));

        assertThat(h.gauge("leakwatch_leak_captures_skipped_total", "reason", "busy")).hasValue(1);
        assertThat(h.gauge("leakwatch_leak_capture_running")).hasValue(1);
        release.countDown();
        await().atMost(10, TimeUnit.SECONDS).until(() -> !h.watch.captureRunning());
        h.runAt(THREE_MINUTES.plusSeconds(60));
        await().atMost(10, TimeUnit.SECONDS).until(() -> !h.watch.captureRunning());
        h.runAt(THREE_MINUTES.plusSeconds(90));

        assertThat(mostAtOnce.get()).isEqualTo(1);
        assertThat(h.gauge("leakwatch_leak_captures_total", "outcome", "completed")).hasValue(2);
        assertThat(h.logLines("leak confirmed")).hasSize(2);
    }

    @Test
    void theGlobalBudgetRefusesCapturesBeyondItAndCountsTheRefusal() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        harness(WatchHarness.settings(true, Duration.ofMinutes(30), 1), new MemoryFindingsRepository(10), (pid, d) -> {
            calls.incrementAndGet();
            return capturedThreadLeak(pid);
        });
        h.startProcess(100);
        h.startProcess(300);
        h.series("jvm_threads_live", LEAKY, THREE_MINUTES, i -> 20 + 10 * i);
        h.series("jvm_threads_live", jvm(300, "OtherLeak"), THREE_MINUTES, i -> 20 + 5 * i);
        h.runAt(THREE_MINUTES);
        await().atMost(10, TimeUnit.SECONDS).until(() -> calls.get() == 1 && !h.watch.captureRunning());
        h.runAt(THREE_MINUTES.plusSeconds(30));
        h.runAt(THREE_MINUTES.plusSeconds(60));

        assertThat(calls.get()).isEqualTo(1);
        assertThat(h.gauge("leakwatch_leak_captures_skipped_total", "reason", "global_budget"))
                .as("counted once per suspicion, not per evaluation").hasValue(1);
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "300")).hasValue(1);
    }

    @Test
    void aFailedCaptureIsLoggedOnceAndTheTrendOnlyFindingStays() throws Exception {
        MemoryFindingsRepository repo = new MemoryFindingsRepository(10);
        AtomicInteger calls = new AtomicInteger();
        harness(WatchHarness.settings(true, Duration.ofMinutes(1), 4), repo, (pid, d) -> {
            calls.incrementAndGet();
            throw new java.io.IOException("attach refused");
        });
        leakyAndSteadyThreads(Duration.ofMinutes(6));
        for (int run = 0; run < 6; run++) {
            h.runAt(THREE_MINUTES.plusSeconds(30L * run));
            await().atMost(10, TimeUnit.SECONDS).until(() -> !h.watch.captureRunning());
        }

        assertThat(calls.get()).as("one capture, then the per-process budget").isEqualTo(1);
        assertThat(h.logLines("evidence capture of pid=100")).singleElement().asString().contains("attach refused");
        assertThat(h.gauge("leakwatch_leak_captures_total", "outcome", "failed")).hasValue(1);
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "100")).hasValue(1);
        ProcessFindings stored = repo.find(new WatchedProcess(100, 1000, "LeakyService")).orElseThrow();
        assertThat(stored.diagnosis().reason()).contains("trend only").contains("attach refused");
        assertThat(stored.diagnosis().findings()).singleElement().extracting(Finding::severity).isEqualTo(Severity.SUSPECT);
    }

    @Test
    void readingsDisturbedByACaptureAreNotHeldAgainstTheProcess() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        harness((pid, duration) -> {
            release.await();
            return capturedThreadLeak(pid);
        });
        Labels metaspace = LEAKY.with("area", "nonheap").with("pool", "metaspace");
        leakyAndSteadyThreads(THREE_MINUTES);
        h.series("jvm_memory_used_bytes", metaspace, THREE_MINUTES, i -> 20e6);
        h.runAt(THREE_MINUTES);
        assertThat(h.gauge("leakwatch_leak_capture_running")).hasValue(1);

        // Attaching loads classes into the target while the capture runs: a step, not a leak.
        for (int i = 1; i <= 8; i++) {
            h.write("jvm_memory_used_bytes", metaspace, 20e6 + i * 1e6, WatchHarness.T0 + THREE_MINUTES.toMillis() + i * 7_500L);
        }
        h.runAt(THREE_MINUTES.plusSeconds(30));
        h.runAt(THREE_MINUTES.plusSeconds(60));
        release.countDown();
        await().atMost(10, TimeUnit.SECONDS).until(() -> !h.watch.captureRunning());
        h.runAt(THREE_MINUTES.plusSeconds(90));
        for (int i = 1; i <= 12; i++) {
            long at = THREE_MINUTES.plusSeconds(90).toMillis() + i * 15_000L;
            h.write("jvm_memory_used_bytes", metaspace, 28e6, WatchHarness.T0 + at);
            h.write("jvm_threads_live", LEAKY, 200 + 10 * i, WatchHarness.T0 + at);
        }
        h.runAt(THREE_MINUTES.plusSeconds(90 + 180));

        assertThat(h.logLines("resource=metaspace")).isEmpty();
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "100", "resource", "metaspace")).hasValue(0);
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "100", "resource", "threads")).hasValue(1);
    }

    @Test
    void aProcessThatExitedLosesItsSeries() {
        harness(pending());
        leakyAndSteadyThreads(THREE_MINUTES);
        h.runAt(THREE_MINUTES);
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "100")).isPresent();

        h.alive.remove(100L);
        h.runAt(THREE_MINUTES.plusSeconds(30));
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "100")).isEmpty();
        assertThat(h.gauge("leakwatch_leak_growth_per_minute", "pid", "100")).isEmpty();
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "200")).isPresent();
    }

    @Test
    void aRestartRestoresTheStateOfProcessesStillAliveWithoutLoggingAgain() throws Exception {
        MemoryFindingsRepository repo = new MemoryFindingsRepository(10);
        Diagnosis leak = capturedThreadLeak(100);
        Instant firstSeen = Instant.ofEpochMilli(WatchHarness.T0 + 60_000);
        repo.save(new ProcessFindings(new WatchedProcess(100, 1000, "LeakyService"), leak, firstSeen, firstSeen));
        // Same pid, other start time: another process that reuses the pid; not restored.
        repo.save(new ProcessFindings(new WatchedProcess(200, 1, "SteadyService"), leak, firstSeen, firstSeen));
        h = new WatchHarness(WatchHarness.defaults(), repo, pending());
        h.startProcess(100);
        h.startProcess(200);
        h.watch.begin();

        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "100", "resource", "threads")).hasValue(1);
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "200")).isEmpty();
        assertThat(h.logLines("restored the findings of 1 running process")).hasSize(1);
        h.runAt(Duration.ZERO);
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "100", "resource", "threads"))
                .as("kept before the collectors' first readings").hasValue(1);

        h.series("jvm_threads_live", LEAKY, THREE_MINUTES, i -> 20 + 10 * i);
        h.series("jvm_threads_live", STEADY, THREE_MINUTES, i -> 20 + (i % 3));
        h.runAt(THREE_MINUTES);
        assertThat(h.logLines("leak")).noneMatch(l -> l.contains("suspected") || l.contains("confirmed"));
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "100", "resource", "threads")).hasValue(1);
        assertThat(repo.find(new WatchedProcess(100, 1000, "LeakyService")).orElseThrow().firstSeen())
                .isEqualTo(firstSeen);
    }

    @Test
    void theAgentWatchesItselfOnTheTrendAlone() {
        harness(pending());
        h.series("leakwatch_agent_threads", Labels.EMPTY, THREE_MINUTES, i -> 30 + 10 * i);
        h.series("leakwatch_agent_open_fds", Labels.EMPTY, THREE_MINUTES, i -> 40);
        h.runAt(THREE_MINUTES);

        String self = Long.toString(WatchHarness.SELF_PID);
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", self, "process", "leakwatch", "resource", "threads"))
                .hasValue(1);
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", self, "resource", "fds")).hasValue(0);
        assertThat(h.logLines("leak confirmed: pid=" + self + " process=leakwatch resource=threads")).hasSize(1);
        assertThat(h.gauge("leakwatch_leak_captures_skipped_total", "reason", "self")).hasValue(1);
        assertThat(h.gauge("leakwatch_leak_watch_processes")).hasValue(1);
    }

    @Test
    void aStoreThatCannotSaveIsCountedAndTheWatchGoesOn() {
        harness(WatchHarness.defaults(), new FailingRepository(), pending());
        leakyAndSteadyThreads(THREE_MINUTES);
        h.runAt(THREE_MINUTES);

        assertThat(h.gauge("leakwatch_leak_findings_save_failures_total")).hasValue(1);
        assertThat(h.logLines("cannot store the findings of pid 100")).hasSize(1);
        assertThat(h.gauge("leakwatch_leak_suspected", "pid", "100")).hasValue(1);
    }

    /** A capture that runs until the watch stops (interrupting it). */
    private static EvidenceCapture pending() {
        return (pid, duration) -> {
            new CountDownLatch(1).await();
            throw new AssertionError("unreachable: the latch is never released");
        };
    }

    /** What the diagnose engine reports about a thread leak. */
    static Diagnosis capturedThreadLeak(long pid) {
        Instant at = Instant.ofEpochMilli(WatchHarness.T0);
        Finding f = new Finding(Resource.THREADS, Severity.LEAK, 600, Unit.THREADS, 0.999, null, null,
                List.of(Culprit.ofThreads("fetch-*", 120, 110, "WAITING", List.of("Fetcher.run(Fetcher.java:31)"))),
                List.of(Evidence.of("thread-dump", at)));
        return new Diagnosis(Diagnosis.SCHEMA, new Target(pid, "java Leaky", "17"), new Window(at, at.plusSeconds(60), 12),
                Verdict.LEAK, null, List.of(f), List.of(Evidence.of("thread-dump", at)), List.of());
    }

    /** Counts saves. */
    private static final class CountingRepository implements FindingsRepository {
        final AtomicInteger saves = new AtomicInteger();
        private final MemoryFindingsRepository inner = new MemoryFindingsRepository(10);

        @Override
        public void save(ProcessFindings findings) {
            saves.incrementAndGet();
            inner.save(findings);
        }

        @Override
        public List<ProcessFindings> all() {
            return inner.all();
        }

        @Override
        public java.util.Optional<ProcessFindings> find(WatchedProcess process) {
            return inner.find(process);
        }

        @Override
        public void close() {}
    }

    /** A store whose disk is full. */
    private static final class FailingRepository implements FindingsRepository {
        @Override
        public void save(ProcessFindings findings) throws FindingsException {
            throw new FindingsException("findings.db: disk full");
        }

        @Override
        public List<ProcessFindings> all() {
            return List.of();
        }

        @Override
        public java.util.Optional<ProcessFindings> find(WatchedProcess process) {
            return java.util.Optional.empty();
        }

        @Override
        public void close() {}
    }
}
