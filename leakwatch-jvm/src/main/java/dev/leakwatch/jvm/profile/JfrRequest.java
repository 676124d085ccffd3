package dev.leakwatch.jvm.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What to record.
 *
 * @param name a short name, shown as {@code leakwatch-<name>} among the target's recordings
 * @param configuration a predefined JFR configuration ({@code default}, {@code profile}) or
 *     null to enable only {@code settings}
 * @param settings event settings such as {@code jdk.ExecutionSample#period=10 ms}; ignored
 *     when a configuration is given
 * @param window how long to record
 * @param beforeStop runs at the end of the window, before the recording is taken (e.g. a GC
 *     so that old-object samples are current)
 * @param check whether a dump of the recording has what it should; if not, the still
 *     running recording is dumped again, up to {@link #MAX_DUMPS} times
 */
public record JfrRequest(
        String name, String configuration, Map<String, String> settings, Duration window, Runnable beforeStop,
        Check check) {
    /** Dumps tried before the last one is taken as it is. */
    public static final int MAX_DUMPS = 3;

    /** Judges a dumped recording. */
    @FunctionalInterface
    public interface Check {
        boolean complete(Path recording) throws IOException;
    }

    public JfrRequest {
        Objects.requireNonNull(name, "name");
        settings = Map.copyOf(settings);
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a recording window must be positive: " + window);
        }
        beforeStop = beforeStop == null ? () -> {} : beforeStop;
        check = check == null ? recording -> true : check;
    }

    /** Records only the given event settings. */
    public static JfrRequest ofSettings(String name, Map<String, String> settings, Duration window) {
        return new JfrRequest(name, null, settings, window, null, null);
    }

    /** Records with a predefined configuration of the JDK. */
    public static JfrRequest ofConfiguration(String name, String configuration, Duration window) {
        return new JfrRequest(name, Objects.requireNonNull(configuration, "configuration"), Map.of(), window, null, null);
    }

    public JfrRequest beforeStop(Runnable hook) {
        return new JfrRequest(name, configuration, settings, window, hook, check);
    }

    public JfrRequest check(Check check) {
        return new JfrRequest(name, configuration, settings, window, beforeStop, check);
    }

    /** The name the recording carries in the target. */
    String recordingName() {
        return "leakwatch-" + name;
    }
}
