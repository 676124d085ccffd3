package dev.leakwatch.agent.admin;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/** A JVM to profile from outside: one thread burning CPU in {@link #burnHot}, 50 parked in {@link #waitParked}. */
public final class ProfiledApp {
    public static final int PARKED = 50;
    private static volatile double sink;

    private ProfiledApp() {}

    public static void main(String[] args) throws InterruptedException {
        daemon("burner", () -> {
            while (true) {
                sink = burnHot(sink);
            }
        });
        for (int i = 0; i < PARKED; i++) {
            daemon("parked-" + i, ProfiledApp::waitParked);
        }
        System.out.println("ready");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    static double burnHot(double seed) {
        double x = seed;
        for (int i = 1; i < 200_000; i++) {
            x += Math.sqrt(i * 31.0 + x) / i;
        }
        return x % 1_000;
    }

    static void waitParked() {
        while (true) {
            LockSupport.park(ProfiledApp.class);
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }
}
