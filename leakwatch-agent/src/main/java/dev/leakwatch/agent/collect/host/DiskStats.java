package dev.leakwatch.agent.collect.host;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code /proc/diskstats}, see the kernel's Documentation/admin-guide/iostats.rst. Sectors are
 * always 512 bytes in this file, whatever the device's sector size.
 */
final class DiskStats {
    static final double SECTOR_BYTES = 512;

    private DiskStats() {}

    /**
     * One device's line: {@code fields[0]} is "reads completed" (field 4 of the line), so
     * {@code fields[i]} is iostats field {@code i + 1}.
     */
    record Device(String name, long[] fields) {
        long field(int iostatField) {
            int i = iostatField - 1;
            return i < fields.length ? fields[i] : -1;
        }
    }

    static List<Device> parse(String text) {
        List<Device> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = ProcText.fields(line);
            if (f.length < 14) {
                continue;
            }
            long[] fields = new long[f.length - 3];
            boolean ok = true;
            for (int i = 0; i < fields.length; i++) {
                fields[i] = ProcText.parseCount(f[i + 3]);
                ok &= fields[i] >= 0;
            }
            if (ok) {
                out.add(new Device(f[2], fields));
            }
        }
        return out;
    }
}
