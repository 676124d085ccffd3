package dev.leakwatch.jvm.profile;

import dev.leakwatch.core.pprof.ProfileBuilder;
import dev.leakwatch.core.pprof.ProfileSchema;
import dev.leakwatch.core.pprof.StackFrame;
import java.io.IOException;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.management.MBeanServerConnection;

/**
 * The threads of a target, taken with {@link ThreadMXBean#dumpAllThreads} (through the
 * connection's proxy for another JVM), grouped by identical stacks: the JVM's version of
 * Go's goroutine profile.
 */
final class ThreadStacks {
    private final List<ThreadInfo> threads;

    ThreadStacks(List<ThreadInfo> threads) {
        this.threads = List.copyOf(threads);
    }

    /** Dumps all live threads; with {@code locks}, also the monitors and synchronizers each holds. */
    static ThreadStacks dump(MBeanServerConnection connection, boolean locks) throws IOException {
        ThreadMXBean bean = Mbeans.threads(connection);
        boolean monitors = locks && bean.isObjectMonitorUsageSupported();
        boolean synchronizers = locks && bean.isSynchronizerUsageSupported();
        try {
            ThreadInfo[] infos = bean.dumpAllThreads(monitors, synchronizers);
            return new ThreadStacks(Arrays.stream(infos).filter(Objects::nonNull).toList());
        } catch (RuntimeException e) {
            throw new IOException("thread dump failed: " + e.getMessage(), e);
        }
    }

    List<ThreadInfo> threads() {
        return threads;
    }

    /** Threads grouped by stack, the largest group first; ties keep dump order. */
    List<Group> groups() {
        Map<List<StackFrame>, List<ThreadInfo>> byStack = new LinkedHashMap<>();
        for (ThreadInfo t : threads) {
            byStack.computeIfAbsent(frames(t), k -> new ArrayList<>()).add(t);
        }
        List<Group> groups = new ArrayList<>();
        byStack.forEach((stack, members) -> groups.add(new Group(stack, members)));
        groups.sort(Comparator.comparingInt((Group g) -> g.threads().size()).reversed());
        return groups;
    }

    /** The goroutine profile: one sample per distinct stack, valued by its thread count. */
    ProfileBuilder profile() {
        ProfileBuilder profile = new ProfileBuilder(ProfileSchema.GOROUTINE).period(1);
        for (Group g : groups()) {
            profile.addSample(g.stack().isEmpty() ? List.of(JfrEvents.NO_STACK) : g.stack(), g.threads().size());
        }
        return profile;
    }

    static List<StackFrame> frames(ThreadInfo thread) {
        StackTraceElement[] trace = thread.getStackTrace();
        List<StackFrame> frames = new ArrayList<>(trace.length);
        for (StackTraceElement e : trace) {
            frames.add(StackFrame.of(e));
        }
        return frames;
    }

    /** Threads with the same stack. */
    record Group(List<StackFrame> stack, List<ThreadInfo> threads) {}
}
