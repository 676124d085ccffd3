package dev.leakwatch.agent.lifecycle;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts components in dependency order and stops them in reverse, within a deadline. The one
 * mechanism for every part of the agent, so that shutdown is ordered and bounded everywhere.
 *
 * <p>Stop: each component's {@link Component#stop()} runs on its own thread
 * ({@code leakwatch-stop-<name>}) so that one that hangs can be abandoned. The caller waits for
 * it until the overall deadline; once the deadline has passed, each remaining component still
 * gets a short grace ({@link #graceAfterDeadline}) so that one overrunning component never keeps
 * the others from stopping. An overrun is logged, its stop thread interrupted, and reported in
 * the {@link StopReport}.
 */
public final class Lifecycle {
    public static final Duration DEFAULT_STOP_DEADLINE = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(Lifecycle.class.getName());

    private enum State { NEW, STARTING, RUNNING, STOPPING, STOPPED }

    private final List<Component> order;
    private final Duration deadline;
    private final Duration graceAfterDeadline;
    private final LongSupplier nanoTime;
    private final Deque<Component> started = new ArrayDeque<>();
    private volatile State state = State.NEW;
    private StopReport stopReport;

    private Lifecycle(List<Component> order, Duration deadline, LongSupplier nanoTime) {
        this.order = List.copyOf(order);
        this.deadline = deadline;
        long graceMillis = Math.max(100, Math.min(1_000, deadline.toMillis() / 10));
        this.graceAfterDeadline = Duration.ofMillis(graceMillis);
        this.nanoTime = nanoTime;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Components in start order. */
    public List<String> startOrder() {
        return order.stream().map(Component::name).toList();
    }

    /**
     * Starts every component in dependency order. When one fails, the ones already started are
     * stopped (in reverse) and the failure is thrown.
     */
    public synchronized void start() throws LifecycleException {
        if (state != State.NEW) {
            throw new IllegalStateException("a lifecycle starts once; it is " + state);
        }
        state = State.STARTING;
        for (Component c : order) {
            long t0 = nanoTime.getAsLong();
            LOG.fine(() -> "starting " + c.name());
            try {
                c.start();
            } catch (Exception | Error e) {
                LOG.log(Level.SEVERE, "cannot start " + c.name() + ": " + e, e);
                stopLocked();
                throw new LifecycleException(c.name(), e);
            }
            started.push(c);
            long tookMs = millisSince(t0);
            LOG.info(() -> "started " + c.name() + " in " + tookMs + " ms");
        }
        state = State.RUNNING;
    }

    /**
     * Stops every started component in reverse start order within the deadline. Safe to call
     * more than once and from a shutdown hook; later calls return the first report.
     */
    public synchronized StopReport stop() {
        if (stopReport != null) {
            return stopReport;
        }
        return stopLocked();
    }

    /** True once start succeeded and stop has not begun. */
    public boolean isRunning() {
        return state == State.RUNNING;
    }

    private StopReport stopLocked() {
        state = State.STOPPING;
        long t0 = nanoTime.getAsLong();
        long deadlineAt = t0 + deadline.toNanos();
        LOG.info(() -> "stopping " + started.size() + " components, deadline " + deadline.toMillis() + " ms");
        List<StopReport.ComponentStop> results = new ArrayList<>();
        while (!started.isEmpty()) {
            Component c = started.pop();
            results.add(stopOne(c, deadlineAt));
        }
        Duration took = Duration.ofNanos(nanoTime.getAsLong() - t0);
        stopReport = new StopReport(List.copyOf(results), took);
        state = State.STOPPED;
        LOG.info(() -> "stopped all components in " + took.toMillis() + " ms"
                + (stopReport.clean() ? "" : " (not cleanly: see above)"));
        return stopReport;
    }

    private StopReport.ComponentStop stopOne(Component c, long deadlineAt) {
        long t0 = nanoTime.getAsLong();
        LOG.info(() -> "stopping " + c.name());
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread stopper = LeakwatchThreads.newThread("stop-" + c.name(), () -> {
            try {
                c.stop();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        stopper.start();
        long wait = Math.max(deadlineAt - t0, graceAfterDeadline.toNanos());
        try {
            done.get(wait, TimeUnit.NANOSECONDS);
            long tookMs = millisSince(t0);
            LOG.info(() -> "stopped " + c.name() + " in " + tookMs + " ms");
            return new StopReport.ComponentStop(c.name(), StopReport.Outcome.STOPPED, Duration.ofMillis(tookMs),
                    Optional.empty());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            LOG.log(Level.WARNING, "stop of " + c.name() + " failed: " + cause, cause);
            return new StopReport.ComponentStop(c.name(), StopReport.Outcome.FAILED,
                    Duration.ofMillis(millisSince(t0)), Optional.of(cause));
        } catch (TimeoutException e) {
            stopper.interrupt();
            long tookMs = millisSince(t0);
            LOG.warning(() -> "stop of " + c.name() + " overran the deadline (still running after " + tookMs
                    + " ms); abandoning it and stopping the rest");
            return new StopReport.ComponentStop(c.name(), StopReport.Outcome.OVERRAN, Duration.ofMillis(tookMs),
                    Optional.empty());
        } catch (InterruptedException e) {
            // Whoever interrupted us wants out now: abandon this component, keep going quickly.
            Thread.currentThread().interrupt();
            stopper.interrupt();
            return new StopReport.ComponentStop(c.name(), StopReport.Outcome.OVERRAN,
                    Duration.ofMillis(millisSince(t0)), Optional.empty());
        }
    }

    private long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - t0);
    }

    /** Collects components and their dependencies, then orders them. */
    public static final class Builder {
        private final Map<String, Component> components = new LinkedHashMap<>();
        private final Map<String, List<String>> dependencies = new HashMap<>();
        private Duration deadline = DEFAULT_STOP_DEADLINE;
        private LongSupplier nanoTime = System::nanoTime;

        private Builder() {}

        /** Adds a component that starts after (and stops before) the components it depends on. */
        public Builder add(Component component, Component... dependsOn) {
            String name = component.name();
            if (components.containsKey(name)) {
                throw new IllegalArgumentException("two components named \"" + name + "\"");
            }
            components.put(name, component);
            List<String> deps = new ArrayList<>();
            for (Component d : dependsOn) {
                deps.add(d.name());
            }
            dependencies.put(name, deps);
            return this;
        }

        /** Total time the stop may take; default 10 s. */
        public Builder stopDeadline(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("stop deadline must be positive, got " + value);
            }
            this.deadline = value;
            return this;
        }

        /** For testing: the time source. */
        Builder nanoTime(LongSupplier value) {
            this.nanoTime = value;
            return this;
        }

        /**
         * Orders the components: dependencies first, otherwise in the order added (a stable
         * depth-first topological sort).
         *
         * @throws IllegalArgumentException on an unknown dependency or a cycle
         */
        public Lifecycle build() {
            List<Component> sorted = new ArrayList<>();
            Set<String> done = new HashSet<>();
            Set<String> visiting = new HashSet<>();
            for (String name : components.keySet()) {
                visit(name, done, visiting, sorted, new ArrayDeque<>());
            }
            return new Lifecycle(sorted, deadline, nanoTime);
        }

        private void visit(String name, Set<String> done, Set<String> visiting, List<Component> sorted,
                Deque<String> path) {
            if (done.contains(name)) {
                return;
            }
            path.addLast(name);
            if (!visiting.add(name)) {
                throw new IllegalArgumentException("dependency cycle: " + String.join(" -> ", path));
            }
            for (String dep : dependencies.get(name)) {
                if (!components.containsKey(dep)) {
                    throw new IllegalArgumentException(name + " depends on " + dep + ", which was not added");
                }
                visit(dep, done, visiting, sorted, path);
            }
            visiting.remove(name);
            path.removeLast();
            done.add(name);
            sorted.add(components.get(name));
        }
    }
}
