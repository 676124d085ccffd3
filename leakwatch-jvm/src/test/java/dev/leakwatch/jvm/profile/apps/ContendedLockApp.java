package dev.leakwatch.jvm.profile.apps;

/** Threads queue for one monitor in {@link #holdSharedLock}: mutex and block contention. */
public final class ContendedLockApp {
    private static final Object LOCK = new Object();
    private static volatile long sink;

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

    static void holdSharedLock() {
        synchronized (LOCK) {
            long until = System.nanoTime() + 20_000_000L;
            while (System.nanoTime() < until) {
                sink++;
            }
        }
    }
}
