package dev.leakwatch.core.pprof;

import java.util.Objects;

/**
 * One frame of a stack as pprof shows it.
 *
 * @param function the qualified method, e.g. {@code com.example.Cache.put}, or a pseudo-frame
 *     such as a class name in a histogram-based heap profile
 * @param file the source file, or "" when unknown
 * @param line the line number, or 0 when unknown
 */
public record StackFrame(String function, String file, int line) {
    public StackFrame {
        Objects.requireNonNull(function, "function");
        file = file == null ? "" : file;
        line = Math.max(line, 0);
    }

    /** A frame of a Java stack trace; native and unknown lines (negative numbers) become 0. */
    public static StackFrame of(StackTraceElement element) {
        return new StackFrame(
                element.getClassName() + "." + element.getMethodName(), element.getFileName(), element.getLineNumber());
    }

    /** A frame with only a name, for types or other pseudo-frames. */
    public static StackFrame named(String function) {
        return new StackFrame(function, "", 0);
    }

    @Override
    public String toString() {
        return function + (file.isEmpty() ? "" : "(" + file + ":" + line + ")");
    }
}
