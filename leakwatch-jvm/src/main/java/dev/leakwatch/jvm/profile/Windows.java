package dev.leakwatch.jvm.profile;

import java.io.InterruptedIOException;
import java.time.Duration;

/** Waiting out a profiling window. */
final class Windows {
    private Windows() {}

    /** Waits for the window; an interrupt ends the wait early as an I/O interruption. */
    static void await(Duration window) throws InterruptedIOException {
        try {
            Thread.sleep(window.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("profiling window interrupted");
            io.initCause(e);
            throw io;
        }
    }
}
