package dev.leakwatch.agent.cli;

/** A JVM for {@code leakwatch ps} to list: prints "ready", allocates a little, waits for stdin to close. */
public final class PsTestChild {
    private PsTestChild() {}

    public static void main(String[] args) throws Exception {
        byte[][] garbage = new byte[64][];
        for (int i = 0; i < 4096; i++) {
            garbage[i % garbage.length] = new byte[16 * 1024]; // 64 MiB through the heap: a few young GCs
        }
        System.out.println("ready " + garbage.length);
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the test to close stdin or kill us
        }
    }
}
