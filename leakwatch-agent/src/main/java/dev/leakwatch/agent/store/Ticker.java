package dev.leakwatch.agent.store;

/**
 * A monotonic time source in nanoseconds, injected so that tests advance time instead of
 * sleeping (as Caffeine's {@code Ticker}).
 */
@FunctionalInterface
public interface Ticker {
    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }
}
