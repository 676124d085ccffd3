package dev.leakwatch.agent.collect;

import dev.leakwatch.jvm.perfdata.LocalJvm;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One JVM discovery shared by the collectors that need the list (processes, jvms): the first to
 * ask in a round scans, the others within {@code maxAge} reuse its answer. A scan reads every
 * {@code hsperfdata_*} directory and the mount namespace of every process on the host, so doing
 * it once a round instead of once per collector halves the cost of finding the JVMs.
 */
final class SharedJvmList implements Supplier<List<LocalJvm>> {
    private final Supplier<List<LocalJvm>> discovery;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private List<LocalJvm> last;
    private long lastAt;

    SharedJvmList(Supplier<List<LocalJvm>> discovery, Duration maxAge) {
        this(discovery, maxAge, System::nanoTime);
    }

    /** For testing: a clock in nanoseconds. */
    SharedJvmList(Supplier<List<LocalJvm>> discovery, Duration maxAge, LongSupplier nanoClock) {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative, got " + maxAge);
        }
        this.discovery = discovery;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized List<LocalJvm> get() {
        long now = nanoClock.getAsLong();
        if (last == null || now - lastAt > maxAgeNanos) {
            last = List.copyOf(discovery.get());
            lastAt = now;
        }
        return last;
    }
}
