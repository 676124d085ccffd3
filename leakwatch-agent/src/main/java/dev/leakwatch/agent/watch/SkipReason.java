package dev.leakwatch.agent.watch;

import java.util.Locale;

/** Why a wanted capture did not run; the {@code reason} label of {@code leakwatch_leak_captures_skipped_total}. */
enum SkipReason {
    /** Another capture is running; only one runs at a time. */
    BUSY,
    /** This process was captured within {@code per_process_interval}. */
    PROCESS_BUDGET,
    /** {@code max_per_hour} captures ran on the host within the last hour. */
    GLOBAL_BUDGET,
    /** {@code leak_watch.capture.enabled} is false. */
    DISABLED,
    /** The agent itself: a JVM may not attach to itself, so its findings stay trend-only. */
    SELF;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
