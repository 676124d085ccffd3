package dev.leakwatch.jvm.profile.apps;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A running workload: daemon threads doing one recognisable thing until closed. Each app in
 * this package runs one, either inside a test JVM ({@code start()}) or as its own process
 * ({@code main}, which prints {@value #READY} once the workload runs).
 */
public final class Workload implements AutoCloseable {
    public static final String READY = "ready";

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    boolean running() {
        return running;
    }

    Workload thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return this;
    }

    /** Stops the threads and waits for them to end. */
    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            t.interrupt();
        }
        try {
            for (Thread t : threads) {
                t.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a workload as a process: starts it, says so, and keeps the JVM up until killed. */
    static void runForever(Workload workload) throws InterruptedException {
        System.out.println(READY);
        System.out.flush();
        new CountDownLatch(1).await();
        workload.close();
    }
}
