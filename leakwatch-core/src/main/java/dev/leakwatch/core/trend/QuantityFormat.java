package dev.leakwatch.core.trend;

import dev.leakwatch.core.model.Unit;
import java.util.Locale;

/** Writes amounts, rates, durations and p-values for reasons people read. */
final class QuantityFormat {

    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private QuantityFormat() {}

    /** An amount with its unit: "1.5 MiB", "12 threads". */
    static String amount(double value, Unit unit) {
        if (unit == Unit.BYTES) {
            double scaled = value;
            int i = 0;
            while (Math.abs(scaled) >= 1024 && i < BYTE_UNITS.length - 1) {
                scaled /= 1024;
                i++;
            }
            return number(scaled) + " " + BYTE_UNITS[i];
        }
        return number(value) + " " + unit.id();
    }

    static String perMinute(double value, Unit unit) {
        return amount(value, unit) + "/min";
    }

    /** A duration in the coarsest unit that keeps it readable: "45 s", "12 min", "4.1 h", "3.2 d". */
    static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 2 * 3600) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        if (seconds < 48 * 3600) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
        }
        return String.format(Locale.ROOT, "%.1f d", seconds / 86400);
    }

    /** "p=0.012", or "p<0.0001" below what anyone needs to read. */
    static String pValue(double p) {
        return p < 1e-4 ? "p<0.0001" : "p=" + String.format(Locale.ROOT, "%.2g", p);
    }

    /** A ratio as a percentage: "23%", "3.5%", "0.12%". */
    static String percent(double ratio) {
        return number(ratio * 100) + "%";
    }

    static String number(double value) {
        double abs = Math.abs(value);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (abs >= 1 || abs == 0) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2g", value);
    }
}
