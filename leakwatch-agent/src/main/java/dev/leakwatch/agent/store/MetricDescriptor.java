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
        if (type == MetricType.SUMMARY_COUNT && !name.endsWith("_count")) {
            throw new IllegalArgumentException("summary count names end in _count, got \"" + name + "\"");
        }
        if (type == MetricType.SUMMARY_SUM && !name.endsWith("_sum")) {
            throw new IllegalArgumentException("summary sum names end in _sum, got \"" + name + "\"");
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

    /**
     * The count half of a summary without quantiles ({@code <base>_count}); write the sum with
     * {@link #summarySum} under the same labels and the exporters show one summary.
     */
    public static MetricDescriptor summaryCount(String base, String help) {
        return new MetricDescriptor(base + "_count", help, MetricType.SUMMARY_COUNT);
    }

    /** The sum half of a summary without quantiles ({@code <base>_sum}). */
    public static MetricDescriptor summarySum(String base, String help) {
        return new MetricDescriptor(base + "_sum", help, MetricType.SUMMARY_SUM);
    }

    /** For summary halves, the summary's name; otherwise the name. */
    public String baseName() {
        return switch (type) {
            case SUMMARY_COUNT -> name.substring(0, name.length() - "_count".length());
            case SUMMARY_SUM -> name.substring(0, name.length() - "_sum".length());
            default -> name;
        };
    }

    /** Whether a name is a valid metric name. */
    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }
}
