package dev.leakwatch.agent.collect.host;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code /proc/meminfo} as node_exporter names it: {@code Active(anon)} becomes
 * {@code Active_anon}, and a field given in kB becomes {@code <name>_bytes} with its value
 * times 1024 (node_exporter's {@code meminfo_linux.go}).
 */
final class MemInfo {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_]+");

    private MemInfo() {}

    /** Metric-name suffixes (e.g. {@code MemAvailable_bytes}) to values, in file order. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = ProcText.fields(line);
            if (f.length < 2 || f.length > 3 || !f[0].endsWith(":")) {
                continue;
            }
            long v = ProcText.parseCount(f[1]);
            if (v < 0) {
                continue;
            }
            String key = f[0].substring(0, f[0].length() - 1).replace("(", "_").replace(")", "");
            if (!KEY.matcher(key).matches()) {
                continue;
            }
            if (f.length == 3) {
                if (!f[2].equals("kB")) {
                    continue;
                }
                out.put(key + "_bytes", v * 1024.0);
            } else {
                out.put(key, (double) v);
            }
        }
        return out;
    }
}
