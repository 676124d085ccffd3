package dev.leakwatch.agent.watch;

import dev.leakwatch.agent.findings.WatchedProcess;
import dev.leakwatch.agent.lifecycle.LeakwatchThreads;
import dev.leakwatch.core.model.Diagnosis;
import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs evidence captures on one background thread ({@code leakwatch-leak-capture}), never more
 * than one at a time, within the {@link CaptureBudget}. Results wait in a queue until the watch
 * thread {@link #drain drains} them, so the watch state is only ever touched by the watch thread;
 * with one capture at a time the queue never holds more than one result.
 */
final class CaptureRunner {
    /** A finished capture: the diagnosis, or why there is none. */
    record Result(WatchedProcess process, Optional<Diagnosis> diagnosis, String failure) {}

    private final EvidenceCapture capture;
    private final CaptureBudget budget;
    private Duration duration;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final Queue<Result> done = new ConcurrentLinkedQueue<>();
    private ThreadPoolExecutor executor;

    CaptureRunner(EvidenceCapture capture, CaptureBudget budget, Duration duration) {
        this.capture = capture;
        this.budget = budget;
        this.duration = duration;
    }

    /** Starts the capture thread's executor (the thread itself comes with the first capture); idempotent. */
    synchronized void start() {
        if (executor != null) {
            return;
        }
        // No queue: a second capture is refused while one runs (the budget check sees busy first anyway).
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new SynchronousQueue<>(),
                LeakwatchThreads.factory("leak-capture"));
    }

    /** Stops the capture in progress (interrupting it) and waits for its thread. */
    void stop() throws InterruptedException {
        ThreadPoolExecutor e;
        synchronized (this) {
            e = executor;
            executor = null;
        }
        if (e != null) {
            e.shutdownNow();
            e.awaitTermination(1, TimeUnit.DAYS);
        }
    }

    /**
     * New settings for the captures to come; a capture in progress keeps its duration. The
     * budget keeps its record of past captures.
     */
    synchronized void settings(Duration captureDuration, Duration perProcessInterval, int maxPerHour) {
        this.duration = captureDuration;
        budget.limits(perProcessInterval, maxPerHour);
    }

    /** Starts a capture unless one is running or the budget refuses; the refusal's reason otherwise. */
    synchronized Optional<SkipReason> request(WatchedProcess p, long nowMillis) {
        if (busy.get()) {
            return Optional.of(SkipReason.BUSY);
        }
        Optional<SkipReason> refused = budget.check(p, nowMillis);
        if (refused.isPresent()) {
            return refused;
        }
        if (executor == null) {
            return Optional.of(SkipReason.BUSY);
        }
        busy.set(true);
        try {
            Duration d = duration;
            executor.execute(() -> run(p, d));
        } catch (RejectedExecutionException e) {
            busy.set(false);
            return Optional.of(SkipReason.BUSY);
        }
        budget.spend(p, nowMillis);
        return Optional.empty();
    }

    /** True while a capture runs. */
    boolean running() {
        return busy.get();
    }

    /** The next finished capture, if any. */
    Optional<Result> drain() {
        return Optional.ofNullable(done.poll());
    }

    private void run(WatchedProcess p, Duration captureDuration) {
        try {
            Diagnosis d = capture.capture(p.pid(), captureDuration);
            done.add(new Result(p, Optional.of(d), null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the agent is stopping: nothing to report
        } catch (Exception e) {
            done.add(new Result(p, Optional.empty(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } finally {
            busy.set(false);
        }
    }
}
