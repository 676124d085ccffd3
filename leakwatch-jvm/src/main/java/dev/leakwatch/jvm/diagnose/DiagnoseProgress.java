package dev.leakwatch.jvm.diagnose;

import java.time.Duration;

/** Told after every sampling round, so a terminal can draw a progress bar. */
@FunctionalInterface
public interface DiagnoseProgress {
    DiagnoseProgress NONE = (elapsed, total, phase) -> { };

    void update(Duration elapsed, Duration total, String phase);
}
