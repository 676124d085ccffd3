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
 * @param swing    how far the readings may move without any leak (0 when they do not), which
 *                 growth over the window must exceed to start a suspicion: the agent's own heap
 *                 after GC includes its survivor spaces, whose occupancy after a young collection
 *                 moves anywhere between empty and full
 */
record Signal(List<Sample> readings, OptionalDouble limit, boolean g1Floor, double swing) {
    Signal {
        readings = List.copyOf(readings);
        if (!(swing >= 0)) {
            throw new IllegalArgumentException("swing must be >= 0, got " + swing);
        }
    }

    Signal(List<Sample> readings, OptionalDouble limit, boolean g1Floor) {
        this(readings, limit, g1Floor, 0);
    }

    Signal(List<Sample> readings, OptionalDouble limit) {
        this(readings, limit, false, 0);
    }
}
