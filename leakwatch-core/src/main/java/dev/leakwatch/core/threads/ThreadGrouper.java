package dev.leakwatch.core.threads;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Groups threads the way a leak shows up: many threads named alike, in the same state, stuck at the same place.
 *
 * <p>Key frames are chosen to name the place without the noise of JDK internals: the top {@value #TOP_FRAMES}
 * frames (what the thread is doing, e.g. {@code Unsafe.park}), the JDK frame the application called last
 * (e.g. {@code LinkedBlockingQueue.take}), and the first {@value #APP_FRAMES} application frames (outside
 * {@code java.}, {@code jdk.}, {@code sun.}), in stack order. Snapshots without frames or state (bare
 * {@code /proc} task names) group by name pattern alone.
 */
public final class ThreadGrouper {

    static final int TOP_FRAMES = 2;
    static final int APP_FRAMES = 2;
    static final String UNNAMED = "<unnamed>";

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final List<String> PLATFORM_PREFIXES = List.of("java.", "jdk.", "sun.");

    private ThreadGrouper() {}

    /** Threads per group. */
    public static Map<ThreadStackGroup, Integer> group(Collection<ThreadSnapshot> threads) {
        Map<ThreadStackGroup, Integer> groups = new HashMap<>();
        for (ThreadSnapshot thread : threads) {
            groups.merge(groupOf(thread), 1, Integer::sum);
        }
        return groups;
    }

    /** The group of one thread. */
    public static ThreadStackGroup groupOf(ThreadSnapshot thread) {
        return new ThreadStackGroup(namePattern(thread.name()), thread.state(), keyFrames(thread.frames()));
    }

    /** The name with digit runs replaced by {@code *}; {@value #UNNAMED} for a blank name. */
    public static String namePattern(String name) {
        return name.isBlank() ? UNNAMED : DIGITS.matcher(name).replaceAll("*");
    }

    /** The frames that identify where a thread is: see the class comment. */
    public static List<String> keyFrames(List<String> frames) {
        TreeSet<Integer> chosen = new TreeSet<>();
        for (int i = 0; i < Math.min(TOP_FRAMES, frames.size()); i++) {
            chosen.add(i);
        }
        int appFrames = 0;
        for (int i = 0; i < frames.size() && appFrames < APP_FRAMES; i++) {
            if (isApplicationFrame(frames.get(i))) {
                if (appFrames == 0 && i > 0) {
                    chosen.add(i - 1); // the platform call the application is blocked in
                }
                chosen.add(i);
                appFrames++;
            }
        }
        List<String> key = new ArrayList<>(chosen.size());
        chosen.forEach(i -> key.add(frames.get(i)));
        return key;
    }

    /** Whether a frame belongs to the application rather than the JDK. */
    public static boolean isApplicationFrame(String frame) {
        return PLATFORM_PREFIXES.stream().noneMatch(frame::startsWith);
    }
}
