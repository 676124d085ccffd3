package dev.leakwatch.agent.lifecycle;

/** A body run periodically by {@link PeriodicScheduler}. */
@FunctionalInterface
public interface PeriodicWork {

    /**
     * Does one run. Should check {@link Run#abandoned()} (or the thread's interrupt flag) in
     * long loops: after a timeout, the run's results are no longer wanted.
     */
    void run(Run run) throws Exception;

    /** The run in progress. */
    interface Run {
        /** True once the run timed out or the scheduler stopped; late results must be dropped. */
        boolean abandoned();

        /** Wall-clock time the run started, epoch milliseconds: the timestamp of what it reads. */
        long startMillis();
    }
}
