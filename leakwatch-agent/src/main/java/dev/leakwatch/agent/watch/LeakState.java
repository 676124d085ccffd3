package dev.leakwatch.agent.watch;

/** Where one resource of one process stands. */
enum LeakState {
    /** Nothing grows (or no verdict yet). */
    OK,
    /** The trend says it grows; evidence has not confirmed it (yet). */
    SUSPECT,
    /** Confirmed: by captured evidence, or by the trend alone where no capture is possible. */
    LEAK,
    /** It was suspected or leaking and has stopped growing. */
    CLEARED;

    /** 1 in {@code leakwatch_leak_suspected}. */
    boolean flagged() {
        return this == SUSPECT || this == LEAK;
    }
}
