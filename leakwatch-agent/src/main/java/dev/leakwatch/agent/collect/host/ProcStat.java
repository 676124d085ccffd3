package dev.leakwatch.agent.collect.host;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code /proc/stat}: per-CPU times and the kernel's counters. See proc(5). Lines that do not
 * parse are skipped (the kernel adds fields over time; we read the ones we know).
 *
 * @param cpus per-CPU times, {@code cpuN} lines only (the aggregate {@code cpu} line is not kept)
 */
record ProcStat(List<CpuTimes> cpus, OptionalLong contextSwitches, OptionalLong bootTime, OptionalLong forks,
        OptionalLong procsRunning, OptionalLong procsBlocked) {

    /** The clock ticks per second the kernel reports these times in (USER_HZ, 100 on every Linux ABI). */
    static final double USER_HZ = 100.0;

    /** Modes in the order of the line, as node_exporter names them. */
    static final List<String> MODES = List.of("user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal");

    /**
     * One {@code cpuN} line.
     *
     * @param ticks      ticks per mode of {@link #MODES}; -1 where the kernel did not report it
     * @param guest      guest time (already included in user)
     * @param guestNice  guest nice time (already included in nice)
     */
    record CpuTimes(String cpu, long[] ticks, long guest, long guestNice) {}

    static ProcStat parse(String text) {
        List<CpuTimes> cpus = new ArrayList<>();
        OptionalLong ctxt = OptionalLong.empty();
        OptionalLong btime = OptionalLong.empty();
        OptionalLong processes = OptionalLong.empty();
        OptionalLong running = OptionalLong.empty();
        OptionalLong blocked = OptionalLong.empty();
        for (String line : text.split("\n")) {
            // Skip the long lines we do not read (intr, softirq) before splitting them.
            if (!(line.startsWith("cpu") || line.startsWith("ctxt") || line.startsWith("btime")
                    || line.startsWith("processes") || line.startsWith("procs_"))) {
                continue;
            }
            String[] f = ProcText.fields(line);
            if (f.length < 2) {
                continue;
            }
            String key = f[0];
            if (key.startsWith("cpu") && key.length() > 3) {
                String id = key.substring(3);
                if (ProcText.parseCount(id) < 0) {
                    continue;
                }
                long[] ticks = new long[MODES.size()];
                for (int i = 0; i < ticks.length; i++) {
                    ticks[i] = i + 1 < f.length ? ProcText.parseCount(f[i + 1]) : -1;
                }
                long guest = f.length > 9 ? ProcText.parseCount(f[9]) : -1;
                long guestNice = f.length > 10 ? ProcText.parseCount(f[10]) : -1;
                cpus.add(new CpuTimes(id, ticks, guest, guestNice));
                continue;
            }
            long v = ProcText.parseCount(f[1]);
            if (v < 0) {
                continue;
            }
            switch (key) {
                case "ctxt" -> ctxt = OptionalLong.of(v);
                case "btime" -> btime = OptionalLong.of(v);
                case "processes" -> processes = OptionalLong.of(v);
                case "procs_running" -> running = OptionalLong.of(v);
                case "procs_blocked" -> blocked = OptionalLong.of(v);
                default -> { }
            }
        }
        return new ProcStat(List.copyOf(cpus), ctxt, btime, processes, running, blocked);
    }
}
