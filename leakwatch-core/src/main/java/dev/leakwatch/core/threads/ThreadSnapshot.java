package dev.leakwatch.core.threads;

import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One thread at one moment, whatever it was read from.
 *
 * @param name   the thread's name
 * @param state  {@link Thread.State} name ({@code WAITING}, {@code RUNNABLE}, ...), or null when the source does
 *               not tell (a bare {@code /proc} task name)
 * @param frames the stack, innermost first, each as {@code Class.method(File.java:line)} (see {@link #frame});
 *               empty when unknown
 */
public record ThreadSnapshot(String name, String state, List<String> frames) {

    public ThreadSnapshot {
        Objects.requireNonNull(name, "name");
        frames = List.copyOf(frames);
    }

    /** A thread known only by name, e.g. a task of a non-JVM process. */
    public static ThreadSnapshot named(String name) {
        return new ThreadSnapshot(name, null, List.of());
    }

    /** A thread as {@link java.lang.management.ThreadMXBean#dumpAllThreads} or {@code getThreadInfo} reports it. */
    public static ThreadSnapshot of(ThreadInfo info) {
        List<String> frames = Arrays.stream(info.getStackTrace()).map(ThreadSnapshot::frame).toList();
        return new ThreadSnapshot(info.getThreadName(), info.getThreadState().name(), frames);
    }

    /** {@code Class.method(File.java:line)}, without module or class-loader prefixes. */
    public static String frame(StackTraceElement element) {
        return frame(element.getClassName(), element.getMethodName(), element.getFileName(),
                element.getLineNumber(), element.isNativeMethod());
    }

    /**
     * {@code Class.method(File.java:line)}; {@code (Native Method)} for native methods, {@code (Unknown Source)}
     * without a file, {@code (File.java)} without a line: the forms of {@link StackTraceElement#toString()} and of
     * HotSpot thread dumps, so frames from both sources compare equal.
     */
    public static String frame(String className, String methodName, String fileName, int line, boolean nativeMethod) {
        String location;
        if (nativeMethod) {
            location = "Native Method";
        } else if (fileName == null) {
            location = "Unknown Source";
        } else if (line >= 0) {
            location = fileName + ':' + line;
        } else {
            location = fileName;
        }
        return className + '.' + methodName + '(' + location + ')';
    }
}
