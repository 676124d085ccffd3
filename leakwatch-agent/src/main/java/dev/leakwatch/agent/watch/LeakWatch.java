package dev.leakwatch.agent.watch;

import dev.leakwatch.agent.config.AgentConfig;
import dev.leakwatch.agent.config.Durations;
import dev.leakwatch.agent.daemon.AgentDaemon;
import dev.leakwatch.agent.daemon.Reconfigurable;
import dev.leakwatch.agent.findings.FindingsException;
import dev.leakwatch.agent.findings.FindingsRepository;
import dev.leakwatch.agent.findings.ProcessFindings;
import dev.leakwatch.agent.findings.WatchedProcess;
import dev.leakwatch.agent.lifecycle.Component;
import dev.leakwatch.agent.lifecycle.TaskObserver;
import dev.leakwatch.agent.metrics.MetricsRegistry;
import dev.leakwatch.agent.store.SeriesStore;
import dev.leakwatch.core.model.Culprit;
import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.model.Finding;
import dev.leakwatch.core.model.Resource;
import dev.leakwatch.core.model.Trend;
import dev.leakwatch.core.report.Amounts;
import dev.leakwatch.jvm.proc.ProcFs;
import dev.leakwatch.jvm.proc.ProcessStart;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's continuous leak watch ({@code leak_watch} in the configuration). Every
 * {@code interval} one run ({@code leakwatch-leak-watch}, never overlapping itself) reads the
 * store's history of every process and of the agent itself, runs the diagnose detectors on the
 * rolling window ({@link WindowAssessor}), moves each (process, resource) through
 * {@link ResourceTracker}'s states, logs each change once, stores the process's conclusion
 * through the {@link FindingsRepository} when it changes, and asks for an evidence capture on a
 * new suspicion ({@link CaptureRunner}: one at a time, within the {@link CaptureBudget}).
 * While a process is captured it gets no verdicts, and afterwards only readings taken after the
 * capture count: attaching loads classes into it and the class histograms force full GCs, a
 * step in metaspace and heap that is the capture's doing (measured: +577 KiB/min of metaspace
 * "growth" in a thread-leaking fixture during a 60 s capture).
 *
 * <p>On start the stored findings of processes still alive (same pid and start time) are
 * restored, so a restart neither forgets a leak nor logs it again.
 *
 * <p>A reload applies a changed {@code leak_watch} section at once ({@link #reconfigure}), between
 * two runs (one lock covers a run and a reconfiguration, so they never interleave), and logs one
 * line naming what changed:
 * <ul>
 *   <li>{@code window}, {@code warmup}, {@code self_warmup}: the next evaluation cuts the readings
 *       by the new values. The state of every process and resource stays: a suspicion or leak
 *       found on a longer window stays until the ordinary rule clears it (three evaluations in a
 *       row without growth on the new window), and "not enough data" on a shorter one changes nothing.
 *   <li>{@code interval}: the task is rescheduled; the next evaluation runs at once, then every new interval.
 *   <li>{@code capture.*}: the budgets keep their record of past captures and apply the new limits
 *       to it; a capture in progress finishes with its old duration and its evidence is applied.
 *       Turning captures on asks for a capture of every suspect still without evidence.
 *   <li>{@code enabled: false}: evaluations stop; a capture in progress is not interrupted; the
 *       per-process metrics ({@code leakwatch_leak_suspected}, {@code leakwatch_leak_growth_per_minute})
 *       disappear and the in-memory state is dropped, while the stored findings stay (and are
 *       still served). {@code enabled: true} again restores them as a start does.
 * </ul>
 */
public final class LeakWatch implements Component, Reconfigurable {
    private static final Logger LOG = Logger.getLogger(LeakWatch.class.getName());

    private final FindingsRepository findings;
    private final MetricsRegistry registry;
    private final LeakWatchMetrics metrics;
    private final SignalReader reader;
    private final LongFunction<Optional<ProcessStart>> processStart;
    private final ProcessStart selfStart;
    private final CaptureRunner captures;
    private final Clock clock;
    private final WatchSchedule schedule;
    /** Held by a run and by a reconfiguration: they never interleave. Guards every field below. */
    private final Object lock = new Object();
    private AgentConfig.LeakWatch settings;
    private WindowAssessor assessor;
    /** Watched processes by pid; bounded by the processes with history in the (bounded) store. */
    private final Map<Long, ProcessWatch> watches = new HashMap<>();
    /** Between start (or, in tests, {@link #begin}) and stop. */
    private boolean started;
    /** Evaluating: started and enabled. */
    private boolean active;
    private volatile boolean runFailureLogged;

    /** The watch of a running agent; {@code findings} is where conclusions are stored. */
    public LeakWatch(AgentDaemon.Context context, FindingsRepository findings) {
        this(context.store(), context.metrics(), context.config().leakWatch(), findings,
                startOf(ProcFs.of(context.config().collectors().host().procPath(),
                        context.config().collectors().host().sysPath())),
                ProcessHandle.current().pid(), selfStart(), survivorCapacity(), EvidenceCapture.diagnoser(),
                Clock.systemUTC());
    }

    /** For testing: every source of the outside world. */
    LeakWatch(SeriesStore store, MetricsRegistry registry, AgentConfig.LeakWatch settings, FindingsRepository findings,
            LongFunction<Optional<ProcessStart>> processStart, long selfPid, ProcessStart selfStart,
            double selfSurvivorBytes, EvidenceCapture capture, Clock clock) {
        this.settings = settings;
        this.findings = findings;
        this.registry = registry;
        this.metrics = new LeakWatchMetrics(registry.agentRegistry());
        this.reader = new SignalReader(store, selfPid, selfSurvivorBytes);
        this.assessor = assessorFor(settings);
        this.processStart = processStart;
        this.selfStart = selfStart;
        this.captures = new CaptureRunner(capture,
                new CaptureBudget(settings.capture().perProcessInterval(), settings.capture().maxPerHour()),
                settings.capture().duration());
        this.clock = clock;
        this.schedule = new WatchSchedule(new Observer());
    }

    @Override
    public String name() {
        return "leak-watch";
    }

    @Override
    public void start() {
        synchronized (lock) {
            started = true;
            // Neither starts a thread until there is work: a disabled watch runs none.
            schedule.start();
            captures.start();
            if (!settings.enabled()) {
                LOG.info("leak watch disabled (leak_watch.enabled: false)");
                return;
            }
            activate();
        }
    }

    @Override
    public void stop() throws InterruptedException {
        synchronized (lock) {
            started = false;
        }
        try {
            // Outside the lock: a run in progress needs it to finish.
            schedule.stop();
            captures.stop();
        } finally {
            synchronized (lock) {
                if (active) {
                    active = false;
                    registry.removeDynamic(metrics);
                }
            }
        }
    }

    /** Everything start does except the scheduler (tests call {@link #runOnce} themselves). */
    void begin() {
        synchronized (lock) {
            started = true;
            captures.start();
            if (settings.enabled()) {
                activate();
            }
        }
    }

    /** Applies the {@code leak_watch} section of a reloaded configuration (see the class comment). */
    @Override
    public void reconfigure(AgentConfig next) {
        apply(next.leakWatch());
    }

    /** Applies new settings between two runs; nothing happens (and nothing is logged) when they are the same. */
    void apply(AgentConfig.LeakWatch next) {
        synchronized (lock) {
            AgentConfig.LeakWatch old = settings;
            SettingsChange change = SettingsChange.between(old, next);
            if (change.isEmpty()) {
                return;
            }
            settings = next;
            assessor = assessorFor(next);
            captures.settings(next.capture().duration(), next.capture().perProcessInterval(),
                    next.capture().maxPerHour());
            if (next.capture().enabled() && !old.capture().enabled()) {
                watches.values().forEach(ProcessWatch::wantCaptureIfUnconfirmed);
            }
            if (started && active && !next.enabled()) {
                deactivate();
            } else if (started && !active && next.enabled()) {
                activate();
            } else if (active && !next.interval().equals(old.interval())) {
                scheduleRuns();
            }
            LOG.info(() -> "leak watch settings changed: " + change.describe());
        }
    }

    /** The settings in force. */
    public AgentConfig.LeakWatch settings() {
        synchronized (lock) {
            return settings;
        }
    }

    /** The interval the evaluations are scheduled at, or empty while none are (disabled, stopped, or in tests). */
    Optional<Duration> scheduledInterval() {
        return schedule.interval();
    }

    /** Restores the stored state, exports the per-process metrics and schedules the runs. */
    private void activate() {
        restore();
        registry.addDynamic(metrics);
        active = true;
        metrics.enabled.set(1);
        scheduleRuns();
    }

    /**
     * Stops evaluating: a capture in progress runs on (its result is applied if the watch is enabled
     * again while the process lives), one already finished is applied and stored now, the in-memory
     * state is dropped and the per-process metrics disappear; stored findings stay.
     */
    private void deactivate() {
        schedule.cancel(); // a run already waiting for the lock still comes, and finds the watch inactive
        Instant now = clock.instant();
        for (Optional<CaptureRunner.Result> r = captures.drain(); r.isPresent(); r = captures.drain()) {
            onCapture(r.get(), now);
        }
        active = false;
        registry.removeDynamic(metrics);
        watches.clear();
        metrics.publish(List.of());
        metrics.processes.set(0);
        metrics.captureRunning.set(captures.running() ? 1 : 0);
        metrics.enabled.set(0);
    }

    /** Evaluates at once and then every interval (unless in tests, without a started schedule). */
    private void scheduleRuns() {
        // A run of the previous schedule already waiting for the lock still comes, and finds the new settings.
        schedule.every(settings.interval(), this::runOnce);
    }

    private static WindowAssessor assessorFor(AgentConfig.LeakWatch s) {
        return new WindowAssessor(s.window(), s.warmup(), s.selfWarmup());
    }

    /** True while an evidence capture runs. */
    boolean captureRunning() {
        return captures.running();
    }

    /** Restores the stored conclusions of processes that are still the same processes. */
    private void restore() {
        List<ProcessFindings> stored;
        try {
            stored = findings.all();
        } catch (FindingsException e) {
            LOG.warning(() -> "cannot restore the leak findings; starting afresh: " + e.getMessage());
            return;
        }
        int restored = 0;
        for (ProcessFindings pf : stored) {
            WatchedProcess p = pf.process();
            Optional<ProcessStart> now = processStart.apply(p.pid());
            if (now.isEmpty() || now.get().ticks() != p.startTicks() || watches.containsKey(p.pid())
                    || pf.diagnosis().findings().isEmpty()) {
                continue; // exited, pid reused, or nothing was flagged
            }
            ProcessWatch w = new ProcessWatch(p, false, pf.firstSeen());
            w.everFlagged = true;
            for (Finding f : pf.diagnosis().findings()) {
                w.trackers.put(f.resource(), ResourceTracker.restored(f));
            }
            if (!pf.diagnosis().captures().isEmpty()) {
                w.captured = Optional.of(pf.diagnosis());
            }
            // A suspicion stored without evidence still wants its capture.
            w.wantCaptureIfUnconfirmed();
            watches.put(p.pid(), w);
            restored++;
        }
        if (restored > 0) {
            int n = restored;
            LOG.info(() -> "leak watch: restored the findings of " + n + " running process" + (n == 1 ? "" : "es"));
        }
        publish(watches.size());
    }

    /** One evaluation of every process; the scheduled task's body. Does nothing while disabled. */
    void runOnce() {
        synchronized (lock) {
            if (active) {
                evaluateAll();
                metrics.runs.inc();
            }
        }
    }

    private void evaluateAll() {
        Instant now = clock.instant();
        for (Optional<CaptureRunner.Result> r = captures.drain(); r.isPresent(); r = captures.drain()) {
            onCapture(r.get(), now);
        }
        Set<Long> seen = new HashSet<>();
        for (ProcessSignals p : reader.read()) {
            Optional<ProcessStart> start = p.self() ? Optional.of(selfStart) : processStart.apply(p.pid());
            if (start.isEmpty()) {
                continue; // exited since its last readings
            }
            seen.add(p.pid());
            evaluate(p, start.get(), now);
        }
        // A process without readings now (e.g. restored, before the collectors' first run) stays while it lives.
        watches.values().removeIf(w -> !seen.contains(w.process.pid()) && !w.self
                && !processStart.apply(w.process.pid()).map(s -> s.ticks() == w.process.startTicks()).orElse(false));
        for (ProcessWatch w : watches.values()) {
            requestCapture(w, now);
        }
        publish(seen.size());
    }

    private void evaluate(ProcessSignals p, ProcessStart start, Instant now) {
        WatchedProcess id = new WatchedProcess(p.pid(), start.ticks(), p.name());
        ProcessWatch w = watches.get(p.pid());
        if (w == null || w.process.startTicks() != id.startTicks()) {
            w = new ProcessWatch(id, p.self(), now);
            watches.put(p.pid(), w);
        }
        if (w.capturing) {
            return; // the capture disturbs the readings; its diagnosis decides meanwhile
        }
        boolean confirmable = p.jvm() && !p.self() && settings.capture().enabled();
        boolean changed = false;
        boolean newSuspicion = false;
        Map<Resource, WindowAssessor.WindowVerdict> verdicts =
                assessor.assess(p, start.time().toEpochMilli(), w.readingsFromMillis, now.toEpochMilli());
        for (Map.Entry<Resource, WindowAssessor.WindowVerdict> e : verdicts.entrySet()) {
            ResourceTracker t = w.tracker(e.getKey());
            boolean wasFlagged = t.state().flagged();
            Optional<LeakState> moved = t.onTrend(e.getValue(), confirmable);
            if (moved.isPresent()) {
                changed = true;
                newSuspicion |= !wasFlagged && moved.get().flagged();
                logTransition(w, e.getKey(), t, moved.get());
            }
        }
        if (newSuspicion) {
            if (!w.everFlagged) {
                w.everFlagged = true;
                w.firstSeen = now;
            }
            w.captureWanted = true;
            w.skipsCounted.clear();
            w.failureLogged = false;
        }
        if (!w.flagged()) {
            w.captureWanted = false;
        }
        if (changed) {
            save(w, now);
        }
    }

    private void requestCapture(ProcessWatch w, Instant now) {
        if (!w.captureWanted) {
            return;
        }
        Optional<SkipReason> skipped;
        if (w.self) {
            skipped = Optional.of(SkipReason.SELF);
        } else if (!settings.capture().enabled()) {
            skipped = Optional.of(SkipReason.DISABLED);
        } else {
            skipped = captures.request(w.process, now.toEpochMilli());
        }
        if (skipped.isEmpty()) {
            w.captureWanted = false;
            w.capturing = true;
            LOG.fine(() -> "leak watch: capturing evidence from pid " + w.process.pid() + " for "
                    + Durations.format(settings.capture().duration()));
            return;
        }
        SkipReason reason = skipped.get();
        if (w.skipsCounted.add(reason)) {
            metrics.capturesSkipped.labelValues(reason.label()).inc();
        }
        if (reason == SkipReason.SELF || reason == SkipReason.DISABLED) {
            w.captureWanted = false; // will not change while this suspicion lasts
        }
    }

    private void onCapture(CaptureRunner.Result r, Instant now) {
        ProcessWatch w = watches.get(r.process().pid());
        metrics.captures.labelValues(r.diagnosis().isPresent() ? "completed" : "failed").inc();
        if (w == null || w.process.startTicks() != r.process().startTicks()) {
            return; // the process exited meanwhile
        }
        w.capturing = false;
        w.readingsFromMillis = now.toEpochMilli();
        if (r.diagnosis().isEmpty()) {
            w.captureFailure = r.failure();
            if (!w.failureLogged) {
                w.failureLogged = true;
                LOG.warning(() -> "leak watch: evidence capture of pid=" + w.process.pid() + " process="
                        + w.process.name() + " failed: " + r.failure() + "; the finding stays trend-only");
            }
            save(w, now);
            return;
        }
        Diagnosis d = r.diagnosis().get();
        if (d.target().jvm() == null && !w.failureLogged) {
            // Only JVMs are captured: no JVM version means the attach was refused; /proc evidence remains.
            w.failureLogged = true;
            LOG.warning(() -> "leak watch: evidence capture of pid=" + w.process.pid() + " process=" + w.process.name()
                    + " could not attach: " + d.reason());
        }
        w.captured = Optional.of(d);
        w.captureFailure = null;
        for (Map.Entry<Resource, ResourceTracker> e : w.trackers.entrySet()) {
            Optional<Finding> f = d.findings().stream().filter(x -> x.resource() == e.getKey()).findFirst();
            Optional<LeakState> moved = e.getValue().onCapture(f);
            if (moved.isPresent()) {
                logTransition(w, e.getKey(), e.getValue(), moved.get());
            }
        }
        save(w, now);
    }

    private void save(ProcessWatch w, Instant now) {
        Diagnosis d = FindingsDocument.of(w, now.minus(settings.window()), now);
        try {
            findings.save(new ProcessFindings(w.process, d, w.firstSeen, now));
        } catch (FindingsException | RuntimeException e) {
            metrics.saveFailures.inc();
            LOG.warning(() -> "leak watch: cannot store the findings of pid " + w.process.pid() + ": " + e.getMessage());
        }
    }

    private void logTransition(ProcessWatch w, Resource r, ResourceTracker t, LeakState state) {
        metrics.transitions.labelValues(state.name().toLowerCase(Locale.ROOT)).inc();
        String verb = switch (state) {
            case SUSPECT -> "leak suspected";
            case LEAK -> "leak confirmed";
            case CLEARED -> "leak cleared";
            case OK -> "leak state reset";
        };
        StringBuilder line = new StringBuilder(verb).append(": pid=").append(w.process.pid())
                .append(" process=").append(w.process.name()).append(" resource=").append(r.id());
        Optional<Finding> f = t.finding();
        double slope = f.map(Finding::growthPerMinute).orElse(t.trend().map(Trend::slopePerMinute).orElse(0.0));
        line.append(" growth=").append(Amounts.rate(slope, r.unit()));
        Long tte = f.map(Finding::timeToExhaustionSeconds).orElse(null);
        line.append(" exhaustion=").append(tte == null ? "unknown" : "in " + Amounts.duration(tte));
        Optional<Culprit> culprit = f.flatMap(x -> x.culprits().stream().findFirst());
        line.append(" culprit=").append(culprit.map(c -> c.name() + " (" + c.kind().id() + ")").orElse("unknown"));
        Level level = state == LeakState.CLEARED ? Level.INFO : Level.WARNING;
        LOG.log(level, line.toString());
    }

    private void publish(int processes) {
        List<LeakWatchMetrics.Row> rows = new ArrayList<>();
        for (ProcessWatch w : watches.values()) {
            for (Map.Entry<Resource, ResourceTracker> e : w.trackers.entrySet()) {
                ResourceTracker t = e.getValue();
                if (t.trend().isEmpty() && !t.state().flagged()) {
                    continue; // no verdict yet
                }
                double growth = t.trend().map(Trend::slopePerMinute).orElse(Double.NaN);
                rows.add(new LeakWatchMetrics.Row(w.process.pid(), w.process.name(), e.getKey().id(),
                        e.getKey().unit().id(), t.state().flagged(), growth));
            }
        }
        metrics.publish(rows);
        metrics.processes.set(processes);
        metrics.captureRunning.set(captures.running() ? 1 : 0);
    }

    private static LongFunction<Optional<ProcessStart>> startOf(ProcFs proc) {
        return pid -> {
            try {
                return proc.start(pid);
            } catch (IllegalArgumentException e) {
                return Optional.empty(); // a stat line cut short as the process exits
            }
        };
    }

    /**
     * The capacity of this JVM's survivor spaces (their pools' maximum, else their committed size):
     * how far its own heap after GC moves without leaking.
     */
    static double survivorCapacity() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Survivor")) {
                MemoryUsage u = pool.getUsage();
                bytes += u.getMax() > 0 ? u.getMax() : u.getCommitted();
            }
        }
        return bytes;
    }

    private static ProcessStart selfStart() {
        long pid = ProcessHandle.current().pid();
        return startOf(ProcFs.system()).apply(pid).orElseGet(() -> new ProcessStart(0,
                ProcessHandle.current().info().startInstant().orElse(Instant.now())));
    }

    /** Counts skipped runs; logs the first failure (later ones at fine level, they repeat every interval). */
    private final class Observer implements TaskObserver {
        @Override
        public void skipped(String task) {
            metrics.runsSkipped.inc();
        }

        @Override
        public void finished(String task, long durationNanos, Throwable failure) {
            metrics.runDuration.set(durationNanos / 1e9);
            if (failure != null && !(failure instanceof InterruptedException)) {
                Level level = runFailureLogged ? Level.FINE : Level.WARNING;
                runFailureLogged = true;
                LOG.log(level, "leak watch run failed: " + failure, failure);
            }
        }

        @Override
        public void timedOut(String task, long durationNanos) {
            metrics.runsSkipped.inc();
        }
    }
}
