package dev.leakwatch.jvm.profile;

import java.util.Locale;

/** The profiles a {@link Profiler} produces, named as Go's /debug/pprof endpoints name them. */
public enum ProfileKind {
    /** Live objects by allocation site (or by class when JFR is unavailable). */
    HEAP("heap"),
    /** Sampled allocations by allocation site. */
    ALLOCS("allocs"),
    /** Thread stacks, identical stacks merged with a count. */
    GOROUTINE("goroutine"),
    /** CPU samples over a window. */
    CPU("profile"),
    /** Time blocked in monitors and parked on java.util.concurrent locks. */
    BLOCK("block"),
    /** Time blocked entering contended monitors. */
    MUTEX("mutex");

    private final String endpoint;

    ProfileKind(String endpoint) {
        this.endpoint = endpoint;
    }

    /** The name of the Go endpoint, e.g. {@code profile} for CPU. */
    public String endpoint() {
        return endpoint;
    }

    /** Whether the profile covers a window of time (as opposed to a snapshot). */
    public boolean needsWindow() {
        return this != GOROUTINE;
    }

    /**
     * The kind for a CLI type name: {@code heap|allocs|threads|cpu|contention} (and the Go
     * endpoint names).
     */
    public static ProfileKind fromName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "threads":
                return GOROUTINE;
            case "cpu":
                return CPU;
            case "contention":
                return BLOCK;
            default:
                for (ProfileKind k : values()) {
                    if (k.endpoint.equals(n)) {
                        return k;
                    }
                }
                throw new IllegalArgumentException(
                        "unknown profile type '" + name + "' (expected heap, allocs, threads, cpu or contention)");
        }
    }
}
