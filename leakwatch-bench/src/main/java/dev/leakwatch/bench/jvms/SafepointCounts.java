package dev.leakwatch.bench.jvms;

import dev.leakwatch.jvm.perfdata.JvmCounters;
import dev.leakwatch.jvm.perfdata.JvmDiscovery;
import dev.leakwatch.jvm.perfdata.LocalJvm;
import java.io.IOException;
import java.util.Optional;

/**
 * Prints {@code pid safepoints safepoint_ms} for each pid given, read from the JVM's hsperfdata
 * file (as {@code jcmd <pid> PerfCounter.print} shows {@code sun.rt.safepoints}, but without
 * attaching, so reading them changes nothing in the JVM). A pid that is gone or has no counters
 * prints {@code pid - -}.
 * {@code java -XX:-UsePerfData -cp <bench classpath> dev.leakwatch.bench.jvms.SafepointCounts PID...}
 */
public final class SafepointCounts {
    private SafepointCounts() {}

    public static void main(String[] args) {
        JvmDiscovery discovery = JvmDiscovery.system();
        StringBuilder out = new StringBuilder();
        for (String arg : args) {
            long pid = Long.parseLong(arg);
            out.append(pid).append(' ').append(describe(discovery.find(pid))).append('\n');
        }
        System.out.print(out);
    }

    private static String describe(Optional<LocalJvm> jvm) {
        if (jvm.isEmpty()) {
            return "- -";
        }
        try {
            JvmCounters c = jvm.get().readCounters();
            String count = c.safepointCount().isPresent() ? Long.toString(c.safepointCount().getAsLong()) : "-";
            String millis = c.safepointTime().map(d -> String.format("%.3f", d.toNanos() / 1e6)).orElse("-");
            return count + " " + millis;
        } catch (IOException | IllegalArgumentException e) {
            return "- -";
        }
    }
}
