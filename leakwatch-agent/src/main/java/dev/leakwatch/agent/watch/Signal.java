package dev.leakwatch.agent.watch;

import dev.leakwatch.core.series.Sample;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One resource's readings from the store's history, oldest first, with the limit it runs into.
 *
 * @param readings time-ordered readings in the resource's unit
 * @param limit    the limit (max heap, fd ulimit, MaxMetaspaceSize), if known
 */
record Signal(List<Sample> readings, OptionalDouble limit) {
    Signal {
        readings = List.copyOf(readings);
    }
}
