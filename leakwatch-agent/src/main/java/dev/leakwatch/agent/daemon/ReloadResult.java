package dev.leakwatch.agent.daemon;

import dev.leakwatch.agent.config.ConfigError;
import java.util.List;

/**
 * The outcome of a configuration reload.
 *
 * @param applied true when the new configuration is now in force
 * @param errors  why it was rejected (the old configuration keeps running)
 * @param notes   what else to know, e.g. settings that take effect only after a restart
 */
public record ReloadResult(boolean applied, List<ConfigError> errors, List<String> notes) {

    static ReloadResult rejected(List<ConfigError> errors) {
        return new ReloadResult(false, List.copyOf(errors), List.of());
    }

    static ReloadResult failed(String why) {
        return new ReloadResult(false, List.of(), List.of(why));
    }

    static ReloadResult applied(List<String> notes) {
        return new ReloadResult(true, List.of(), List.copyOf(notes));
    }

    /** Plain text, one item per line, for the HTTP response and the log. */
    public String describe() {
        StringBuilder s = new StringBuilder(applied ? "configuration reloaded\n" : "configuration rejected; the previous one stays in force\n");
        for (ConfigError e : errors) {
            s.append(e).append('\n');
        }
        for (String n : notes) {
            s.append(n).append('\n');
        }
        return s.toString();
    }
}
