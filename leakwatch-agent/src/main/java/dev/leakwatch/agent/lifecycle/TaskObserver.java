package dev.leakwatch.agent.lifecycle;

/** Hears what periodic runs did; the collector framework turns this into metrics. */
public interface TaskObserver {
    /** A run was due while the previous one was still busy; it was skipped, not queued. */
    void skipped(String task);

    /** A run finished; {@code failure} is null on success. */
    void finished(String task, long durationNanos, Throwable failure);

    /** A run exceeded its timeout and was abandoned. */
    void timedOut(String task, long durationNanos);

    /** Observes nothing. */
    TaskObserver NONE = new TaskObserver() {
        @Override
        public void skipped(String task) {}

        @Override
        public void finished(String task, long durationNanos, Throwable failure) {}

        @Override
        public void timedOut(String task, long durationNanos) {}
    };
}
