package dev.leakwatch.jvm.profile.apps;

import java.util.concurrent.locks.LockSupport;

/** Threads queue for one monitor in {@link #holdSharedLock}: mutex and block contention. */
public final class ContendedLockApp {
    private static final Object LOCK = new Object();

    private ContendedLockApp() {}

    public static void main(String[] args) throws InterruptedException {
        Workload.runForever(start());
    }

    public static Workload start() {
        Workload w = new Workload();
        for (int i = 0; i < 4; i++) {
            w.thread("contender-" + i, () -> {
                while (w.running()) {
                    holdSharedLock();
                }
            });
        }
        return w;
    }

    /**
     * Holds the monitor for 20 ms without using CPU (as code doing I/O under a lock does), so
     * the waiting threads block whatever the machine's load.
     */
    static void holdSharedLock() {
        synchronized (LOCK) {
            LockSupport.parkNanos(20_000_000L);
        }
    }
}
