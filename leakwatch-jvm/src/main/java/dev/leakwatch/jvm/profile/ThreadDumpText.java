package dev.leakwatch.jvm.profile;

import dev.leakwatch.core.pprof.StackFrame;
import java.lang.management.LockInfo;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thread dumps as text: {@code debug=1} groups identical stacks under a count as Go's
 * goroutine profile does ({@code N @ ...} then {@code #}-prefixed frames); {@code debug=2}
 * lists every thread with its state and locks in the layout of {@code jstack}, which Java
 * tools and people already read.
 */
final class ThreadDumpText {
    private static final int NAMES_SHOWN = 5;

    private ThreadDumpText() {}

    static String grouped(ThreadStacks stacks) {
        StringBuilder out = new StringBuilder();
        out.append("goroutine profile: total ").append(stacks.threads().size()).append('\n');
        for (ThreadStacks.Group g : stacks.groups()) {
            List<ThreadInfo> members = g.threads();
            out.append(members.size()).append(" @ ").append(states(members)).append(": ").append(names(members)).append('\n');
            for (StackFrame f : g.stack()) {
                out.append("#\t").append(f.function());
                if (!f.file().isEmpty()) {
                    out.append('\t').append(f.file()).append(':').append(f.line());
                }
                out.append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String full(ThreadStacks stacks) {
        StringBuilder out = new StringBuilder();
        for (ThreadInfo t : stacks.threads()) {
            out.append('"').append(t.getThreadName()).append("\" #").append(t.getThreadId());
            if (t.isDaemon()) {
                out.append(" daemon");
            }
            out.append(" prio=").append(t.getPriority()).append('\n');
            out.append("   java.lang.Thread.State: ").append(t.getThreadState()).append('\n');
            StackTraceElement[] trace = t.getStackTrace();
            for (int depth = 0; depth < trace.length; depth++) {
                out.append("\tat ").append(trace[depth]).append('\n');
                if (depth == 0 && t.getLockInfo() != null) {
                    out.append("\t- ").append(waitVerb(t)).append(' ').append(lock(t.getLockInfo()));
                    if (t.getLockOwnerName() != null) {
                        out.append(" owned by \"").append(t.getLockOwnerName()).append("\" #").append(t.getLockOwnerId());
                    }
                    out.append('\n');
                }
                for (MonitorInfo m : t.getLockedMonitors()) {
                    if (m.getLockedStackDepth() == depth) {
                        out.append("\t- locked ").append(lock(m)).append('\n');
                    }
                }
            }
            LockInfo[] synchronizers = t.getLockedSynchronizers();
            if (synchronizers.length > 0) {
                out.append("\n   Locked ownable synchronizers:\n");
                for (LockInfo s : synchronizers) {
                    out.append("\t- ").append(lock(s)).append('\n');
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String waitVerb(ThreadInfo t) {
        switch (t.getThreadState()) {
            case BLOCKED:
                return "waiting to lock";
            case WAITING:
            case TIMED_WAITING:
                return t.getLockInfo().getClassName().startsWith("java.util.concurrent")
                        ? "parking to wait for" : "waiting on";
            default:
                return "waiting on";
        }
    }

    private static String lock(LockInfo lock) {
        return String.format("<0x%08x> (a %s)", lock.getIdentityHashCode(), lock.getClassName());
    }

    private static String states(List<ThreadInfo> threads) {
        return threads.stream().map(t -> t.getThreadState().name()).distinct().collect(Collectors.joining(","));
    }

    private static String names(List<ThreadInfo> threads) {
        String shown = threads.stream().limit(NAMES_SHOWN).map(ThreadInfo::getThreadName).collect(Collectors.joining(", "));
        int more = threads.size() - NAMES_SHOWN;
        return more > 0 ? shown + " and " + more + " more" : shown;
    }
}
