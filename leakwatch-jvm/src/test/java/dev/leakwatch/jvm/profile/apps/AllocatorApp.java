package dev.leakwatch.jvm.profile.apps;

/** Allocates short-lived arrays in {@link #allocateChunks}, so it leads an allocation profile. */
public final class AllocatorApp {
    private static volatile byte[] last;

    private AllocatorApp() {}

    public static void main(String[] args) throws InterruptedException {
        Workload.runForever(start());
    }

    public static Workload start() {
        Workload w = new Workload();
        return w.thread("allocator", () -> {
            while (w.running()) {
                allocateChunks();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    static void allocateChunks() {
        for (int i = 0; i < 64; i++) {
            last = new byte[16 * 1024];
        }
    }
}
