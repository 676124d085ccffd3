package dev.leakwatch.core.report;

import dev.leakwatch.core.model.Culprit;
import dev.leakwatch.core.model.Unit;
import java.util.Locale;

/** Human formatting of amounts, rates and durations for the text and HTML reports. */
public final class Amounts {
    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Amounts() {}

    /** {@code 1536} bytes → {@code "1.5 KiB"}; other units print as a plain count. */
    public static String amount(double value, Unit unit) {
        if (unit != Unit.BYTES) {
            return trim(value) + " " + unit.id();
        }
        double v = Math.abs(value);
        int i = 0;
        while (v >= 1024 && i < BYTE_UNITS.length - 1) {
            v /= 1024;
            i++;
        }
        return (value < 0 ? "-" : "") + trim(v) + " " + BYTE_UNITS[i];
    }

    /** A signed growth rate, e.g. {@code "+1.0 MiB/min"}. */
    public static String rate(double perMinute, Unit unit) {
        return (perMinute >= 0 ? "+" : "") + amount(perMinute, unit) + "/min";
    }

    /** {@code 5400} → {@code "1.5 h"}; picks seconds, minutes, hours or days. */
    public static String duration(double seconds) {
        if (seconds < 120) {
            return trim(seconds) + " s";
        }
        if (seconds < 7200) {
            return trim(seconds / 60) + " min";
        }
        if (seconds < 3 * 86400) {
            return trim(seconds / 3600) + " h";
        }
        return trim(seconds / 86400) + " days";
    }

    /**
     * The unit a culprit's growth is counted in: bytes for a class, threads for a stack group, fds
     * for an fd pattern, loaded classes for a class-loader type.
     */
    public static Unit growthUnit(Culprit c) {
        return switch (c.kind()) {
            case CLASS -> Unit.BYTES;
            case THREAD_STACK -> Unit.THREADS;
            case FD -> Unit.FDS;
            case CLASS_LOADER -> Unit.CLASSES;
        };
    }

    private static String trim(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9 && Math.abs(v) < 1e15) {
            return Long.toString((long) Math.rint(v));
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.1f", v);
    }
}
