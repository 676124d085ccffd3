package dev.leakwatch.agent.watch;

import dev.leakwatch.core.series.Sample;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One resource's readings from the store's history, oldest first, with the limit it runs into.
 *
 * @param readings time-ordered readings in the resource's unit
 * @param limit    the limit (max heap, fd ulimit, MaxMetaspaceSize), if known
 * @param g1Floor  true when the readings are a G1 JVM's {@link G1OldGenFloor}, whose growth must
 *                 also exceed what G1 may leave uncollected ({@link G1OldGenFloor#residueAllowance})
 */
record Signal(List<Sample> readings, OptionalDouble limit, boolean g1Floor) {
    Signal {
        readings = List.copyOf(readings);
    }

    Signal(List<Sample> readings, OptionalDouble limit) {
        this(readings, limit, false);
    }
}
