package dev.leakwatch.javaagent.apps;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * A plain application that the agent is attached to in the integration tests. It knows
 * nothing of leakwatch and runs one recognisable workload, named by its first argument:
 * {@code cpu} (burns CPU in {@link #burnHot}), {@code allocs} (allocates in
 * {@link #allocateChunks}), {@code threads} (50 threads parked in {@link #waitParked}),
 * {@code leak} (retains arrays made in {@link #retainEntry}), {@code contention} (four
 * threads queue for a monitor in {@link #holdSharedLock}), {@code idle} (nothing), or
 * {@code exit} (returns from main at once). It prints {@value #READY} once running.
 */
public final class DemoApp {
    public static final String READY = "ready";
    public static final int PARKED_THREADS = 50;
    private static final int MAX_RETAINED = 25_000;
    private static final List<byte[]> RETAINED = new ArrayList<>();
    private static final Object LOCK = new Object();
    private static volatile double sink;
    private static volatile byte[] last;

    private DemoApp() {}

    public static void main(String[] args) throws InterruptedException {
        String mode = args.length > 0 ? args[0] : "idle";
        switch (mode) {
            case "cpu" -> loop("cpu-burner", () -> sink = burnHot(sink));
            case "allocs" -> loop("allocator", () -> {
                allocateChunks();
                LockSupport.parkNanos(1_000_000);
            });
            case "threads" -> {
                for (int i = 0; i < PARKED_THREADS; i++) {
                    daemon("parked-" + i, DemoApp::waitParked);
                }
            }
            case "leak" -> loop("leaker", () -> {
                retainEntry();
                LockSupport.parkNanos(1_000_000);
            });
            case "contention" -> {
                for (int i = 0; i < 4; i++) {
                    loop("contender-" + i, DemoApp::holdSharedLock);
                }
            }
            case "idle", "exit" -> { }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        System.out.println(READY);
        System.out.flush();
        if (!mode.equals("exit")) {
            new CountDownLatch(1).await();
        }
    }

    static double burnHot(double seed) {
        double x = seed;
        for (int i = 1; i < 200_000; i++) {
            x += Math.sqrt(i * 31.0 + x) / i;
        }
        return x % 1_000;
    }

    static void allocateChunks() {
        for (int i = 0; i < 64; i++) {
            last = new byte[16 * 1024];
        }
    }

    static void waitParked() {
        while (true) {
            LockSupport.park(DemoApp.class);
        }
    }

    static void retainEntry() {
        if (RETAINED.size() < MAX_RETAINED) {
            RETAINED.add(new byte[8 * 1024]);
        }
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

    private static void loop(String name, Runnable body) {
        daemon(name, () -> {
            while (true) {
                body.run();
            }
        });
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }
}
