package dev.leakwatch.jvm.profile;

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
 * @param beforeStop runs just before the recording stops (e.g. a GC so that old-object
 *     samples are current)
 */
public record JfrRequest(
        String name, String configuration, Map<String, String> settings, Duration window, Runnable beforeStop) {
    public JfrRequest {
        Objects.requireNonNull(name, "name");
        settings = Map.copyOf(settings);
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a recording window must be positive: " + window);
        }
        beforeStop = beforeStop == null ? () -> {} : beforeStop;
    }

    /** Records only the given event settings. */
    public static JfrRequest ofSettings(String name, Map<String, String> settings, Duration window) {
        return new JfrRequest(name, null, settings, window, null);
    }

    /** Records with a predefined configuration of the JDK. */
    public static JfrRequest ofConfiguration(String name, String configuration, Duration window) {
        return new JfrRequest(name, Objects.requireNonNull(configuration, "configuration"), Map.of(), window, null);
    }

    public JfrRequest beforeStop(Runnable hook) {
        return new JfrRequest(name, configuration, settings, window, hook);
    }

    /** The name the recording carries in the target. */
    String recordingName() {
        return "leakwatch-" + name;
    }
}
