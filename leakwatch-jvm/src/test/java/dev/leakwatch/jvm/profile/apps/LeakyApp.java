package dev.leakwatch.jvm.profile.apps;

import java.util.ArrayList;
import java.util.List;

/** Keeps every array made in {@link #retainEntry} in a static list: a heap leak with one site. */
public final class LeakyApp {
    /** Caps the leak (about 200 MB) so that a forgotten process cannot exhaust the machine. */
    private static final int MAX_ENTRIES = 25_000;
    static final List<byte[]> RETAINED = new ArrayList<>();

    private LeakyApp() {}

    public static void main(String[] args) throws InterruptedException {
        Workload.runForever(start());
    }

    public static Workload start() {
        Workload w = new Workload();
        return w.thread("leaker", () -> {
            while (w.running()) {
                retainEntry();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Lets the retained arrays go, for a test that ran the leak inside its own JVM. */
    public static void release() {
        synchronized (RETAINED) {
            RETAINED.clear();
        }
    }

    /** How many arrays are retained so far. */
    public static int retained() {
        synchronized (RETAINED) {
            return RETAINED.size();
        }
    }

    static void retainEntry() {
        synchronized (RETAINED) {
            if (RETAINED.size() < MAX_ENTRIES) {
                RETAINED.add(new byte[8 * 1024]);
            }
        }
    }
}
