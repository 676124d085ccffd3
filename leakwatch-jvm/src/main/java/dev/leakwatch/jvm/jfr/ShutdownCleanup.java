package dev.leakwatch.jvm.jfr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes what must not outlive this process in another one: recordings still running in a target
 * when this JVM exits (normal exit or SIGTERM/SIGINT) are stopped, and their files deleted, by one
 * shutdown hook, {@code leakwatch-jfr-cleanup}, installed on first use. A SIGKILL runs no hook; the
 * next recording started in the same target stops recordings left by dead leakwatch processes
 * ({@link OldObjectRecording#start}).
 */
final class ShutdownCleanup {

    private static final Set<AutoCloseable> OPEN = ConcurrentHashMap.newKeySet();
    private static boolean hookInstalled;

    private ShutdownCleanup() {}

    /**
     * Registers a resource to close at exit.
     *
     * @throws IllegalStateException if this JVM is already shutting down (then nothing should be started)
     */
    static synchronized void register(AutoCloseable resource) {
        if (!hookInstalled) {
            Thread hook = new Thread(ShutdownCleanup::closeAll, "leakwatch-jfr-cleanup");
            Runtime.getRuntime().addShutdownHook(hook);
            hookInstalled = true;
        }
        OPEN.add(resource);
    }

    static void unregister(AutoCloseable resource) {
        OPEN.remove(resource);
    }

    static int registered() {
        return OPEN.size();
    }

    private static void closeAll() {
        List<AutoCloseable> open = new ArrayList<>(OPEN);
        for (AutoCloseable resource : open) {
            try {
                resource.close();
            } catch (Exception e) {
                // exiting: each resource reports its own failures; close the others
            }
        }
    }
}
