package dev.leakwatch.jvm.profile.apps;

/** Burns CPU in {@link #burnHot}, so a CPU profile has it on top. */
public final class CpuBurnerApp {
    private static volatile double sink;

    private CpuBurnerApp() {}

    public static void main(String[] args) throws InterruptedException {
        Workload.runForever(start());
    }

    public static Workload start() {
        Workload w = new Workload();
        return w.thread("cpu-burner", () -> {
            while (w.running()) {
                sink = burnHot(sink);
            }
        });
    }

    static double burnHot(double seed) {
        double x = seed;
        for (int i = 1; i < 200_000; i++) {
            x += Math.sqrt(i * 31.0 + x) / i;
        }
        return x % 1_000;
    }
}
