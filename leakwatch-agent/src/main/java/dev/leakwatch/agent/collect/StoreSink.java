package dev.leakwatch.agent.collect;

import dev.leakwatch.agent.lifecycle.PeriodicWork;
import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;
import dev.leakwatch.agent.store.SeriesStore;
import java.util.concurrent.CancellationException;

/**
 * A sink bound to one run: writes go to the store stamped with the run's start time; once the
 * run is abandoned (timed out, or the agent stopping) further writes are refused by throwing,
 * which also ends a collector that ignores {@link PeriodicWork.Run#abandoned()}.
 */
final class StoreSink implements MetricSink {
    private final SeriesStore store;
    private final PeriodicWork.Run run;
    private int written;

    StoreSink(SeriesStore store, PeriodicWork.Run run) {
        this.store = store;
        this.run = run;
    }

    @Override
    public void set(MetricDescriptor metric, Labels labels, double value) {
        if (run.abandoned()) {
            throw new CancellationException("the run was abandoned");
        }
        store.set(metric, labels, value, run.startMillis());
        written++;
    }

    int written() {
        return written;
    }
}
