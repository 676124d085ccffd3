package dev.leakwatch.agent.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.function.Consumer;

/** Takes the families of a {@link FamilyStream}: built snapshots, or families a reader may reuse. */
public interface FamilySink extends Consumer<MetricSnapshot> {
    /** A family that is read only if the sink wants its points (not when it can reuse an earlier rendering). */
    void reusable(ReusableFamily family);

    /** A sink that reads every reusable family and passes its snapshot on. */
    static FamilySink building(Consumer<MetricSnapshot> snapshots) {
        return new FamilySink() {
            @Override
            public void accept(MetricSnapshot family) {
                snapshots.accept(family);
            }

            @Override
            public void reusable(ReusableFamily family) {
                ReusableFamily.Read read = family.read();
                if (read != null) {
                    snapshots.accept(read.snapshot());
                }
            }
        };
    }
}
