package dev.leakwatch.agent.store;

import java.util.regex.Pattern;

/**
 * A metric family: its Prometheus name, help text and type. Collectors declare these as
 * constants; the store groups series by name.
 *
 * @param name full Prometheus name; counters end in {@code _total}
 */
public record MetricDescriptor(String name, String help, MetricType type) {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    public MetricDescriptor {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid metric name \"" + name + "\"");
        }
        if (type == MetricType.COUNTER && !name.endsWith("_total")) {
            throw new IllegalArgumentException("counter names end in _total, got \"" + name + "\"");
        }
        if (help.isBlank()) {
            throw new IllegalArgumentException(name + ": help text must not be empty");
        }
    }

    public static MetricDescriptor gauge(String name, String help) {
        return new MetricDescriptor(name, help, MetricType.GAUGE);
    }

    public static MetricDescriptor counter(String name, String help) {
        return new MetricDescriptor(name, help, MetricType.COUNTER);
    }

    /** Whether a name is a valid metric name. */
    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }
}
