package dev.leakwatch.bench.jvms;

import dev.leakwatch.jvm.perfdata.JvmCounters;
import dev.leakwatch.jvm.perfdata.JvmDiscovery;
import dev.leakwatch.jvm.perfdata.LocalJvm;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Records the counters the leak watch's G1 heap signal is made of, read from a JVM's hsperfdata
 * every second (no attach): old generation used, concurrent-cycle pauses, full and young
 * collections. The output is the format of the agent's test resources
 * ({@code leakwatch-agent/src/test/resources/dev/leakwatch/agent/watch/g1/}):
 * {@code seconds,old_used_bytes,concurrent_cycle_pauses,full_collections,young_collections},
 * seconds counted from the first reading, after two {@code #} lines describing the run.
 * <pre>
 * java -cp &lt;bench classpath&gt; dev.leakwatch.bench.jvms.G1CounterRecorder PID SECONDS OUT.csv "description"
 * </pre>
 * Stops early when the JVM exits.
 */
public final class G1CounterRecorder {
    private G1CounterRecorder() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 4) {
            System.err.println("usage: G1CounterRecorder PID SECONDS OUT.csv DESCRIPTION");
            System.exit(2);
        }
        long pid = Long.parseLong(args[0]);
        long seconds = Long.parseLong(args[1]);
        LocalJvm jvm = JvmDiscovery.system().find(pid)
                .orElseThrow(() -> new IllegalArgumentException("no JVM with hsperfdata has pid " + pid));
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8))) {
            JvmCounters first = jvm.readCounters();
            out.println("# " + args[3]);
            out.println("# JDK " + first.javaVersion().orElse("?") + ", " + first.gcPolicy().orElse("?")
                    + ", read from hsperfdata every second; seconds since the first reading");
            out.println("seconds,old_used_bytes,concurrent_cycle_pauses,full_collections,young_collections");
            long start = System.nanoTime();
            for (long i = 0; i <= seconds; i++) {
                long due = start + TimeUnit.SECONDS.toNanos(i);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                JvmCounters c;
                try {
                    c = jvm.readCounters();
                } catch (IOException e) {
                    break; // the JVM exited
                }
                out.println(String.format(Locale.ROOT, "%.3f,%d,%d,%d,%d", (System.nanoTime() - start) / 1e9,
                        c.oldGenUsedBytes().orElse(-1), c.concurrentCyclePauseCount().orElse(-1),
                        c.fullGcCount().orElse(-1), c.youngGcCount().orElse(-1)));
                out.flush();
            }
        }
    }
}
