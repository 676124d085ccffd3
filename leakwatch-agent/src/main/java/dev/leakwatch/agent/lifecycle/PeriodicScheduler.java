package dev.leakwatch.agent.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs periodic work that never overlaps itself. One timer thread ({@code leakwatch-<role>-timer})
 * fires the tasks at their intervals and hands the runs to a small worker pool
 * ({@code leakwatch-<role>-N}); a task whose previous run is still busy is <em>skipped</em> and
 * reported to the {@link TaskObserver}, never queued, so a slow source cannot pile up work.
 * A run that exceeds its timeout is abandoned: its thread is interrupted, it is reported as
 * timed out, and the task stays busy (skipping further runs) until the body really returns.
 *
 * <p>Implementation note: tasks scheduled before {@link #start()} with the same interval form
 * one <em>cadence</em>: they fall due at the same instant, so the timer wakes once for all of
 * them and hands them to one worker as a single batch, run one after another. A thread wake-up
 * costs more than most collectors' work (on a paravirtualised host, 100-200 µs each), so ten
 * collectors at one interval cost two wake-ups a round instead of twenty. One slow run must not
 * hold up the rest of its batch for long: when a run times out, the runs still waiting behind it
 * move to another worker (until then they wait, so each run is stamped with the time it began,
 * not the firing's). A task scheduled while running gets a cadence of its own, so that it first
 * runs right away, as promised.
 */
public final class PeriodicScheduler implements Component {
    private static final Logger LOG = Logger.getLogger(PeriodicScheduler.class.getName());
    /** Batches waiting for a worker; a cadence has at most a few, so this bounds the cadences. */
    private static final int MAX_WAITING_BATCHES = 256;

    private final String name;
    private final int workers;
    private final TaskObserver observer;
    private final Clock clock;
    private final List<Task> tasks = new CopyOnWriteArrayList<>();
    private final AtomicLong firings = new AtomicLong();
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
                new ArrayBlockingQueue<>(MAX_WAITING_BATCHES), LeakwatchThreads.factory(name));
        running = true;
        Map<Duration, List<Task>> byInterval = new LinkedHashMap<>();
        for (Task t : tasks) {
            byInterval.computeIfAbsent(t.interval, i -> new ArrayList<>()).add(t);
        }
        for (Map.Entry<Duration, List<Task>> e : byInterval.entrySet()) {
            new Cadence(e.getKey(), e.getValue()).arm();
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
            new Cadence(interval, List.of(t)).arm();
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

    /** Fires one task's run now, as the timer would; for tests. */
    void fire(String task) {
        fireTogether(List.of(task));
    }

    /** Fires several tasks now as one batch, as their shared cadence would; for tests. */
    void fireTogether(List<String> names) {
        List<Task> chosen = new ArrayList<>();
        for (String n : names) {
            for (Task t : tasks) {
                if (t.name.equals(n)) {
                    chosen.add(t);
                }
            }
        }
        startBatch(chosen);
    }

    /** How many times the timer has woken to fire a cadence since start; for tests. */
    long cadenceFirings() {
        return firings.get();
    }

    /** On the timer thread: starts a run of each task that is not busy, all in one batch. */
    private void startBatch(List<Task> due) {
        if (!running) {
            return;
        }
        List<RunState> runs = new ArrayList<>(due.size());
        for (Task t : due) {
            RunState run = t.prepare();
            if (run != null) {
                runs.add(run);
            }
        }
        if (!runs.isEmpty()) {
            new Batch(runs).submit();
        }
    }

    /** A handle on a scheduled task. */
    @FunctionalInterface
    public interface Cancellable {
        void cancel();
    }

    /** Tasks that fall due together: one timer firing per interval for all of them. */
    private final class Cadence {
        final Duration interval;
        final List<Task> members;
        volatile ScheduledFuture<?> schedule;

        Cadence(Duration interval, List<Task> members) {
            this.interval = interval;
            this.members = new CopyOnWriteArrayList<>(members);
            for (Task t : members) {
                t.cadence = this;
            }
        }

        void arm() {
            schedule = timer.scheduleAtFixedRate(() -> {
                firings.incrementAndGet();
                startBatch(members);
            }, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        }

        void remove(Task t) {
            members.remove(t);
            ScheduledFuture<?> s = schedule;
            if (members.isEmpty() && s != null) {
                s.cancel(false);
            }
        }
    }

    private final class Task {
        final String name;
        final Duration interval;
        final Duration timeout;
        final PeriodicWork work;
        final AtomicBoolean busy = new AtomicBoolean();
        volatile Cadence cadence;

        Task(String name, Duration interval, Duration timeout, PeriodicWork work) {
            this.name = name;
            this.interval = interval;
            this.timeout = timeout;
            this.work = work;
        }

        void cancel() {
            Cadence c = cadence;
            if (c != null) {
                c.remove(this);
            }
        }

        /** On the timer thread: a run with its timeout armed, or null (counted) while the last is busy. */
        RunState prepare() {
            if (!busy.compareAndSet(false, true)) {
                observer.skipped(name);
                return null;
            }
            RunState run = new RunState(this);
            try {
                run.timeoutCheck = timer.schedule(run::timeOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                busy.set(false); // stopping
                return null;
            }
            return run;
        }

        /** The run will not happen (stopping, or no room to queue it). */
        void dropped(RunState run) {
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

    /**
     * The runs of one firing, executed one after another by whichever worker takes the batch;
     * a second worker joins in when a run times out, so the rest do not wait behind it.
     */
    private final class Batch implements Runnable {
        private final Queue<RunState> pending;

        Batch(List<RunState> runs) {
            this.pending = new ConcurrentLinkedQueue<>(runs);
            for (RunState r : runs) {
                r.batch = this;
            }
        }

        void submit() {
            try {
                pool.execute(this);
            } catch (RejectedExecutionException e) {
                // Stopping, or more batches waiting than the queue holds: these runs do not happen.
                RunState r;
                while ((r = pending.poll()) != null) {
                    r.task.dropped(r);
                }
            }
        }

        /** After a run timed out: lets another worker carry on with the runs still waiting. */
        void handOff() {
            if (!pending.isEmpty() && running) {
                submit();
            }
        }

        @Override
        public void run() {
            RunState r;
            while ((r = pending.poll()) != null) {
                if (!running) {
                    r.task.busy.set(false);
                    continue;
                }
                r.execute();
                // An interrupt meant for that run (its timeout, or its own doing) must not
                // abandon the next one; a stop is seen through `running` above.
                Thread.interrupted();
            }
        }
    }

    /**
     * One run: QUEUED until a worker takes it, then RUNNING until it finishes (DONE) or times
     * out (TIMED_OUT), whichever comes first; a run that times out while still queued never runs.
     */
    private final class RunState implements PeriodicWork.Run {
        private static final int QUEUED = 0;
        private static final int RUNNING = 1;
        private static final int DONE = 2;
        private static final int TIMED_OUT = 3;

        final Task task;
        /** Set when a worker begins the run. */
        private volatile long startMillis;
        final long startNanos = System.nanoTime();
        final AtomicInteger state = new AtomicInteger(QUEUED);
        volatile ScheduledFuture<?> timeoutCheck;
        volatile Batch batch;
        /** The worker running this run; guarded by this, so a timeout's interrupt reaches only this run. */
        private Thread runner;

        RunState(Task task) {
            this.task = task;
        }

        synchronized boolean begin() {
            if (state.compareAndSet(QUEUED, RUNNING)) {
                runner = Thread.currentThread();
                startMillis = clock.millis();
                return true;
            }
            return false;
        }

        synchronized boolean finish() {
            runner = null;
            return state.compareAndSet(RUNNING, DONE);
        }

        /** On a worker. */
        void execute() {
            if (!begin()) {
                return; // timed out while waiting for a worker; the timeout already released the task
            }
            Throwable failure = null;
            try {
                task.work.run(this);
            } catch (InterruptedException e) {
                failure = e;
            } catch (Exception | Error e) {
                failure = e;
            } finally {
                task.busy.set(false);
            }
            // A run cut short because the scheduler is stopping did not fail; report nothing.
            if (finish() && (running || failure == null)) {
                ScheduledFuture<?> check = timeoutCheck;
                if (check != null) {
                    check.cancel(false);
                }
                if (failure != null && !(failure instanceof InterruptedException)) {
                    LOG.log(Level.FINE, task.name + " failed", failure);
                }
                observer.finished(task.name, System.nanoTime() - startNanos, failure);
            }
        }

        /** On the timer thread, when the timeout elapses. */
        void timeOut() {
            boolean wasRunning;
            synchronized (this) {
                if (state.compareAndSet(QUEUED, TIMED_OUT)) {
                    wasRunning = false;
                } else if (state.compareAndSet(RUNNING, TIMED_OUT)) {
                    wasRunning = true;
                    runner.interrupt();
                } else {
                    return;
                }
            }
            if (wasRunning) {
                LOG.warning(() -> task.name + " exceeded its timeout of " + task.timeout.toMillis()
                        + " ms; abandoned (it stays busy until it returns)");
                Batch b = batch;
                if (b != null) {
                    b.handOff();
                }
            } else {
                task.busy.set(false);
            }
            observer.timedOut(task.name, System.nanoTime() - startNanos);
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
