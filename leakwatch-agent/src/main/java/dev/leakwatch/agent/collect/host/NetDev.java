package dev.leakwatch.agent.collect.host;

import java.util.ArrayList;
import java.util.List;

/** {@code /proc/net/dev}: 8 receive and 8 transmit counters per interface. */
final class NetDev {
    static final List<String> RECEIVE = List.of("bytes", "packets", "errs", "drop", "fifo", "frame", "compressed",
            "multicast");
    static final List<String> TRANSMIT = List.of("bytes", "packets", "errs", "drop", "fifo", "colls", "carrier",
            "compressed");

    private NetDev() {}

    /** @param counters receive counters (RECEIVE order) then transmit counters (TRANSMIT order) */
    record Interface(String name, long[] counters) {}

    static List<Interface> parse(String text) {
        List<Interface> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.indexOf('|') >= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String[] f = ProcText.fields(line.substring(colon + 1));
            if (name.isEmpty() || f.length != 16) {
                continue;
            }
            long[] counters = new long[16];
            boolean ok = true;
            for (int i = 0; i < 16; i++) {
                counters[i] = ProcText.parseCount(f[i]);
                ok &= counters[i] >= 0;
            }
            if (ok) {
                out.add(new Interface(name, counters));
            }
        }
        return out;
    }
}
