package dev.leakwatch.agent.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written the Prometheus way: one or more {@code <integer><unit>} parts with units
 * {@code d h m s ms}, largest first, e.g. {@code 500ms}, {@code 15s}, {@code 1m30s}, {@code 2h}.
 */
public final class Durations {
    private static final Pattern WHOLE = Pattern.compile("(?:[0-9]+(?:ms|d|h|m|s))+");
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|d|h|m|s)");

    private Durations() {}

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException naming the text when it is not a duration
     */
    public static Duration parse(String text) {
        String t = text.trim();
        if (!WHOLE.matcher(t).matches()) {
            throw new IllegalArgumentException("expected a duration like 500ms, 15s, 5m, 1h30m, got \"" + text + "\"");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            long amount;
            try {
                amount = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("duration too long: \"" + text + "\"", e);
            }
            try {
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("duration too long: \"" + text + "\"", e);
            }
        }
        return total;
    }

    /** Formats a duration the way {@link #parse} reads it, e.g. {@code 1m30s}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder s = new StringBuilder();
        long millis = d.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] units = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis >= sizes[i]) {
                s.append(millis / sizes[i]).append(units[i]);
                millis %= sizes[i];
            }
        }
        return s.toString();
    }
}
