package dev.leakwatch.agent.watch;

import dev.leakwatch.agent.config.AgentConfig;
import dev.leakwatch.agent.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a reload changes in the {@code leak_watch} section, setting by setting, as the one log
 * line that reports it: {@code interval 15s -> 5s, capture.max_per_hour 4 -> 2}.
 *
 * @param changes one {@code setting old -> new} entry per changed setting, in the order of the
 *                configuration reference; empty when nothing changed
 */
record SettingsChange(List<String> changes) {
    SettingsChange {
        changes = List.copyOf(changes);
    }

    static SettingsChange between(AgentConfig.LeakWatch old, AgentConfig.LeakWatch next) {
        List<String> out = new ArrayList<>();
        compare(out, "enabled", old.enabled(), next.enabled());
        compare(out, "interval", old.interval(), next.interval());
        compare(out, "window", old.window(), next.window());
        compare(out, "warmup", old.warmup(), next.warmup());
        compare(out, "self_warmup", old.selfWarmup(), next.selfWarmup());
        AgentConfig.Capture a = old.capture();
        AgentConfig.Capture b = next.capture();
        compare(out, "capture.enabled", a.enabled(), b.enabled());
        compare(out, "capture.duration", a.duration(), b.duration());
        compare(out, "capture.per_process_interval", a.perProcessInterval(), b.perProcessInterval());
        compare(out, "capture.max_per_hour", a.maxPerHour(), b.maxPerHour());
        return new SettingsChange(out);
    }

    boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The changes joined by commas. */
    String describe() {
        return String.join(", ", changes);
    }

    private static void compare(List<String> out, String setting, Object old, Object next) {
        if (!Objects.equals(old, next)) {
            out.add(setting + " " + text(old) + " -> " + text(next));
        }
    }

    /** Durations as they are written in the file. */
    private static String text(Object value) {
        return value instanceof Duration d ? Durations.format(d) : String.valueOf(value);
    }
}
