package dev.leakwatch.core.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses HotSpot thread dumps: the text of {@code jcmd <pid> Thread.print [-l] [-e]}, of the DiagnosticCommand
 * MBean's {@code threadPrint}, or of {@code jstack}, from JDK 8 to JDK 25.
 *
 * <p>Implementation note: a thread starts at a line {@code "name" #id ...}; the name is everything between the
 * first and the last quote of that line, since names may contain quotes. Threads without {@code #id} are JVM
 * internals (VM Thread, GC and compiler workers) and are left out, so the result matches what
 * {@link java.lang.management.ThreadMXBean} reports. The state comes from {@code java.lang.Thread.State:};
 * frames from {@code at ...} lines, with module and class-loader prefixes removed
 * ({@code java.base@17.0.15/Thread.java:840} becomes {@code Thread.java:840}). Monitor lines ({@code - locked},
 * {@code - waiting on}, {@code - parking to wait for}) and {@code Locked ownable synchronizers} are skipped.
 * On JDK 21+, a carrier thread prints {@code Carrying virtual thread #n} instead of a state, then its own frames,
 * then {@code Mounted virtual thread #n} and the virtual thread's frames; the carrier is reported as RUNNABLE
 * with its own frames and the mounted virtual thread as a separate RUNNABLE thread named {@value #VIRTUAL_NAME}
 * (the dump does not print its name). Virtual threads that are not mounted do not appear in these dumps.
 */
public final class ThreadDumpParser {

    /** Name given to a mounted virtual thread, whose own name the dump does not show. */
    public static final String VIRTUAL_NAME = "<virtual>";

    private static final Pattern JAVA_THREAD = Pattern.compile("#\\d+\\b");
    private static final String STATE_PREFIX = "java.lang.Thread.State:";

    private ThreadDumpParser() {}

    /**
     * The Java threads of a dump, in dump order.
     *
     * @throws IllegalArgumentException if the text contains no thread at all (e.g. an error message instead of a dump)
     */
    public static List<ThreadSnapshot> parse(String dump) {
        List<ThreadSnapshot> threads = new ArrayList<>();
        Builder current = null;
        boolean sawHeader = false;
        for (String line : (Iterable<String>) dump.lines()::iterator) {
            int closingQuote = line.lastIndexOf('"');
            if (line.startsWith("\"") && closingQuote > 0) {
                String rest = line.substring(closingQuote + 1);
                if (rest.isEmpty() || !Character.isWhitespace(rest.charAt(0))) {
                    continue;
                }
                sawHeader = true;
                finish(current, threads);
                boolean javaThread = JAVA_THREAD.matcher(rest.strip()).lookingAt();
                current = javaThread ? new Builder(line.substring(1, closingQuote)) : null;
                continue;
            }
            if (current == null) {
                continue;
            }
            String text = line.strip();
            if (text.startsWith("at ")) {
                current.frames.add(frame(text.substring(3).strip()));
            } else if (text.startsWith(STATE_PREFIX)) {
                current.state = firstWord(text.substring(STATE_PREFIX.length()));
            } else if (text.startsWith("Carrying virtual thread")) {
                current.state = Thread.State.RUNNABLE.name();
            } else if (text.startsWith("Mounted virtual thread")) {
                finish(current, threads);
                current = new Builder(VIRTUAL_NAME);
                current.state = Thread.State.RUNNABLE.name();
            }
        }
        finish(current, threads);
        if (!sawHeader) {
            throw new IllegalArgumentException("not a thread dump: no \"name\" thread line in "
                    + dump.length() + " characters starting " + abbreviate(dump));
        }
        return threads;
    }

    /** Removes module and class-loader prefixes from the location of a dump frame. */
    static String frame(String text) {
        int open = text.indexOf('(');
        if (open < 0 || !text.endsWith(")")) {
            return text;
        }
        String location = text.substring(open + 1, text.length() - 1);
        int slash = location.lastIndexOf('/');
        return slash < 0 ? text : text.substring(0, open + 1) + location.substring(slash + 1) + ')';
    }

    private static String firstWord(String text) {
        String word = text.strip().split("\\s", 2)[0];
        return word.isEmpty() ? null : word;
    }

    private static String abbreviate(String text) {
        String firstLine = text.lines().findFirst().orElse("");
        return '"' + (firstLine.length() > 100 ? firstLine.substring(0, 100) + "..." : firstLine) + '"';
    }

    private static void finish(Builder builder, List<ThreadSnapshot> threads) {
        if (builder != null) {
            threads.add(new ThreadSnapshot(builder.name, builder.state, builder.frames));
        }
    }

    private static final class Builder {
        final String name;
        final List<String> frames = new ArrayList<>();
        String state;

        Builder(String name) {
            this.name = name;
        }
    }
}
