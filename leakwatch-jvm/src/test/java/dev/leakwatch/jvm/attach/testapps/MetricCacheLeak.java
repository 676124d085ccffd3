package dev.leakwatch.jvm.attach.testapps;

import java.util.HashMap;
import java.util.Map;

/**
 * A target JVM with the leak of the metric agent that grew to 2 GB: a static cache that is written
 * and never expired. Arguments: points added per second (default 20000) and the point count at
 * which it stops (default 400000, so that the test heap never fills up). Prints {@code ready}
 * once started; exits when stdin closes.
 */
public final class MetricCacheLeak {

    static final Map<Long, MetricPoint> cache = new HashMap<>();

    private MetricCacheLeak() {}

    static void record(long id) {
        cache.put(id, new MetricPoint(System.currentTimeMillis(), id * 0.5));
    }

    public static void main(String[] args) throws Exception {
        int perSecond = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        long max = args.length > 1 ? Long.parseLong(args[1]) : 400_000;
        Thread leaker = new Thread(() -> leak(perSecond, max), "leaker");
        leaker.setDaemon(true);
        leaker.start();
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Runs until the launching test closes stdin (or kills it).
        }
    }

    private static void leak(int perSecond, long max) {
        long id = 0;
        int perTick = Math.max(1, perSecond / 50);
        try {
            while (id < max) {
                for (int i = 0; i < perTick && id < max; i++) {
                    record(id++);
                    // Short-lived garbage next to the leak, as a real service makes.
                    byte[] request = new byte[512];
                    request[0] = (byte) id;
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
