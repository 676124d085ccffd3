package dev.leakwatch.jvm.profile.apps;

import java.util.concurrent.locks.LockSupport;

/** Fifty threads parked in {@link #waitParked}: one stack, count 50, in a thread profile. */
public final class ParkedThreadsApp {
    public static final int THREADS = 50;

    private ParkedThreadsApp() {}

    public static void main(String[] args) throws InterruptedException {
        Workload.runForever(start());
    }

    public static Workload start() {
        Workload w = new Workload();
        for (int i = 0; i < THREADS; i++) {
            w.thread("parked-" + i, () -> waitParked(w));
        }
        return w;
    }

    static void waitParked(Workload w) {
        while (w.running() && !Thread.currentThread().isInterrupted()) {
            LockSupport.park(ParkedThreadsApp.class);
        }
    }
}
