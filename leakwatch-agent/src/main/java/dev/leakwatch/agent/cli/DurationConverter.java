package dev.leakwatch.agent.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses durations the way Go and Prometheus write them: {@code 120s}, {@code 5m}, {@code 1m30s}, {@code 500ms}. */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            throw new TypeConversionException("empty duration; write it like 120s, 5m or 1m30s");
        }
        if (v.chars().allMatch(Character::isDigit)) {
            throw new TypeConversionException("'" + value + "' has no unit; write it like " + v + "s");
        }
        Matcher m = PART.matcher(v);
        Duration total = Duration.ZERO;
        int pos = 0;
        while (m.find()) {
            if (m.start() != pos) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            pos = m.end();
        }
        if (pos != v.length()) {
            throw new TypeConversionException("'" + value + "' is not a duration; write it like 120s, 5m or 1m30s");
        }
        return total;
    }
}
