package dev.leakwatch.agent.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs periodic work that never overlaps itself. One timer thread ({@code leakwatch-scheduler})
 * fires each task at its interval and hands the run to a small worker pool
 * ({@code leakwatch-<role>-N}); a task whose previous run is still busy is <em>skipped</em> and
 * reported to the {@link TaskObserver}, never queued, so a slow source cannot pile up work.
 * A run that exceeds its timeout is abandoned: its thread is interrupted, it is reported as
 * timed out, and the task stays busy (skipping further runs) until the body really returns.
 */
public final class PeriodicScheduler implements Component {
    private static final Logger LOG = Logger.getLogger(PeriodicScheduler.class.getName());
    /** Runs waiting for a worker; each task has at most one, so this bounds the number of tasks. */
    private static final int MAX_WAITING_RUNS = 256;

    private final String name;
    private final int workers;
    private final TaskObserver observer;
    private final Clock clock;
    private final List<Task> tasks = new CopyOnWriteArrayList<>();
    private ScheduledThreadPoolExecutor timer;
    private ThreadPoolExecutor pool;
    private volatile boolean running;

    /**
     * @param name    the component's name and the worker threads' role
     * @param workers how many runs may execute at once
     */
    public PeriodicScheduler(String name, int workers, TaskObserver observer) {
        this(name, workers, observer, Clock.systemUTC());
    }

    PeriodicScheduler(String name, int workers, TaskObserver observer, Clock clock) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        this.name = name;
        this.workers = workers;
        this.observer = observer;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void start() {
        timer = new ScheduledThreadPoolExecutor(1, LeakwatchThreads.factory(name + "-timer"));
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(MAX_WAITING_RUNS), LeakwatchThreads.factory(name));
        running = true;
        for (Task t : tasks) {
            t.arm();
        }
    }

    /**
     * Adds a task; it first runs right away (when started) and then every interval.
     *
     * @return a handle to cancel the task
     */
    public synchronized Cancellable schedule(String task, Duration interval, Duration timeout, PeriodicWork work) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(task + ": interval must be positive, got " + interval);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(task + ": timeout must be positive, got " + timeout);
        }
        Task t = new Task(task, interval, timeout, work);
        tasks.add(t);
        if (running) {
            t.arm();
        }
        return () -> {
            tasks.remove(t);
            t.cancel();
        };
    }

    /** Names of the scheduled tasks. */
    public List<String> taskNames() {
        return tasks.stream().map(t -> t.name).toList();
    }

    @Override
    public void stop() throws InterruptedException {
        ScheduledThreadPoolExecutor timerRef;
        ThreadPoolExecutor poolRef;
        synchronized (this) {
            running = false;
            timerRef = timer;
            poolRef = pool;
        }
        if (timerRef == null) {
            return;
        }
        for (Task t : tasks) {
            t.cancel();
        }
        timerRef.shutdownNow();
        poolRef.shutdownNow();
        // Runs see the interrupt (and abandoned()); wait for them so nothing writes after stop.
        poolRef.awaitTermination(1, TimeUnit.DAYS);
        timerRef.awaitTermination(1, TimeUnit.DAYS);
    }

    /** Fires a task's run now, as the timer would; for tests. */
    void fire(String task) {
        for (Task t : tasks) {
            if (t.name.equals(task)) {
                t.tick();
            }
        }
    }

    /** A handle on a scheduled task. */
    @FunctionalInterface
    public interface Cancellable {
        void cancel();
    }

    private final class Task {
        final String name;
        final Duration interval;
        final Duration timeout;
        final PeriodicWork work;
        final AtomicBoolean busy = new AtomicBoolean();
        volatile ScheduledFuture<?> schedule;

        Task(String name, Duration interval, Duration timeout, PeriodicWork work) {
            this.name = name;
            this.interval = interval;
            this.timeout = timeout;
            this.work = work;
        }

        void arm() {
            schedule = timer.scheduleAtFixedRate(this::tick, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        }

        void cancel() {
            ScheduledFuture<?> s = schedule;
            if (s != null) {
                s.cancel(false);
            }
        }

        /** On the timer thread: start a run unless the previous one is still busy. */
        void tick() {
            if (!running) {
                return;
            }
            if (!busy.compareAndSet(false, true)) {
                observer.skipped(name);
                return;
            }
            RunState run = new RunState(clock.millis());
            try {
                run.timeoutCheck = timer.schedule(() -> run.timeOut(this), timeout.toNanos(), TimeUnit.NANOSECONDS);
                run.future = pool.submit(() -> execute(run));
            } catch (RejectedExecutionException e) {
                // Stopping, or more tasks than the queue holds: either way this run does not happen.
                ScheduledFuture<?> check = run.timeoutCheck;
                if (check != null) {
                    check.cancel(false);
                }
                busy.set(false);
                if (running) {
                    observer.skipped(name);
                }
            }
        }

        void observeTimeout(long durationNanos) {
            observer.timedOut(name, durationNanos);
        }

        private void execute(RunState run) {
            if (!run.begin()) {
                return; // timed out while waiting for a worker; the timeout already released the task
            }
            Throwable failure = null;
            try {
                work.run(run);
            } catch (InterruptedException e) {
                failure = e;
                Thread.currentThread().interrupt();
            } catch (Exception | Error e) {
                failure = e;
            } finally {
                busy.set(false);
            }
            // A run cut short because the scheduler is stopping did not fail; report nothing.
            if (run.finish() && (running || failure == null)) {
                ScheduledFuture<?> check = run.timeoutCheck;
                if (check != null) {
                    check.cancel(false);
                }
                if (failure != null && !(failure instanceof InterruptedException)) {
                    LOG.log(Level.FINE, name + " failed", failure);
                }
                observer.finished(name, System.nanoTime() - run.startNanos, failure);
            }
        }
    }

    /**
     * One run: QUEUED until a worker takes it, then RUNNING until it finishes (DONE) or times
     * out (TIMED_OUT), whichever comes first; a run that times out while still queued never runs.
     */
    private static final class RunState implements PeriodicWork.Run {
        private static final int QUEUED = 0;
        private static final int RUNNING = 1;
        private static final int DONE = 2;
        private static final int TIMED_OUT = 3;

        final long startMillis;
        final long startNanos = System.nanoTime();
        final AtomicInteger state = new AtomicInteger(QUEUED);
        volatile Future<?> future;
        volatile ScheduledFuture<?> timeoutCheck;

        RunState(long startMillis) {
            this.startMillis = startMillis;
        }

        boolean begin() {
            return state.compareAndSet(QUEUED, RUNNING);
        }

        boolean finish() {
            return state.compareAndSet(RUNNING, DONE);
        }

        void timeOut(Task task) {
            if (state.compareAndSet(QUEUED, TIMED_OUT)) {
                task.busy.set(false);
                task.observeTimeout(System.nanoTime() - startNanos);
            } else if (state.compareAndSet(RUNNING, TIMED_OUT)) {
                Future<?> f = future;
                if (f != null) {
                    f.cancel(true);
                }
                LOG.warning(() -> task.name + " exceeded its timeout of " + task.timeout.toMillis()
                        + " ms; abandoned (it stays busy until it returns)");
                task.observeTimeout(System.nanoTime() - startNanos);
            }
        }

        @Override
        public boolean abandoned() {
            return state.get() == TIMED_OUT || Thread.currentThread().isInterrupted();
        }

        @Override
        public long startMillis() {
            return startMillis;
        }
    }
}
