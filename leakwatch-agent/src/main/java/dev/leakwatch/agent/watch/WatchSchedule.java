package dev.leakwatch.agent.watch;

import dev.leakwatch.agent.lifecycle.PeriodicScheduler;
import dev.leakwatch.agent.lifecycle.TaskObserver;
import java.time.Duration;
import java.util.Optional;

/**
 * When the leak watch evaluates: one periodic task on its own scheduler (worker
 * {@code leakwatch-leak-watch}, never overlapping itself) that a reload moves to another interval
 * or cancels. No thread runs before the first task, so a disabled watch has none. The task's
 * timeout is its interval: a run still busy then is abandoned and counted.
 */
final class WatchSchedule {
    static final String TASK = "leak_watch";

    private final PeriodicScheduler scheduler;
    private boolean running;
    private PeriodicScheduler.Cancellable task;
    private Duration interval;

    WatchSchedule(TaskObserver observer) {
        this.scheduler = new PeriodicScheduler("leak-watch", 1, observer);
    }

    synchronized void start() {
        scheduler.start();
        running = true;
    }

    /**
     * Runs {@code run} at once and then every {@code every}, replacing the task scheduled before;
     * does nothing unless started. A run of the replaced task already under way finishes.
     */
    synchronized void every(Duration every, Runnable run) {
        cancel();
        if (running) {
            task = scheduler.schedule(TASK, every, every, r -> run.run());
            interval = every;
        }
    }

    /** Cancels the task; a run already under way finishes. */
    synchronized void cancel() {
        if (task != null) {
            task.cancel();
            task = null;
            interval = null;
        }
    }

    /** The scheduled task's interval, empty while there is none. */
    synchronized Optional<Duration> interval() {
        return Optional.ofNullable(interval);
    }

    /**
     * Cancels the task and waits for a run under way. Never call it holding a lock that a run needs:
     * this monitor is released before the wait.
     */
    void stop() throws InterruptedException {
        synchronized (this) {
            running = false;
            cancel();
        }
        scheduler.stop();
    }
}
