package dev.leakwatch.jvm.perfdata;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The target JVM of the integration tests, driven through stdin so that the test never has
 * to signal or attach to it: "alloc N" allocates N MiB (keeping 1/16 of it reachable, capped),
 * "threads" prints its thread names, end of input exits.
 */
public final class PerfDataTestChild {
    private static final int CHUNK = 64 * 1024;
    private static final int MAX_RETAINED_CHUNKS = 256; // 16 MiB
    private static final List<byte[]> RETAINED = new ArrayList<>();

    private PerfDataTestChild() {}

    public static void main(String[] args) throws Exception {
        System.out.println("ready " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("alloc ")) {
                allocate(Integer.parseInt(line.substring(6).trim()));
                System.out.println("allocated");
            } else if (line.equals("threads")) {
                System.out.println("threads " + Thread.getAllStackTraces().keySet().stream()
                        .map(Thread::getName).sorted().collect(Collectors.joining(",")));
            }
        }
    }

    private static void allocate(int mebibytes) {
        long checksum = 0;
        for (int i = 0; i < mebibytes * 16; i++) {
            byte[] chunk = new byte[CHUNK];
            chunk[i % CHUNK] = (byte) i;
            checksum += chunk[0];
            if (i % 16 == 0 && RETAINED.size() < MAX_RETAINED_CHUNKS) {
                RETAINED.add(chunk);
            }
        }
        if (checksum == Long.MIN_VALUE) {
            System.out.println(checksum); // keeps the loop from being optimised away
        }
    }
}
