package dev.leakwatch.agent.collect.host;

import dev.leakwatch.agent.collect.Collector;
import dev.leakwatch.agent.collect.MetricSink;
import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;
import java.util.regex.Pattern;

/** Block device I/O from {@code /proc/diskstats}, as node_exporter's diskstats collector names it. */
public final class DiskStatsCollector implements Collector {
    /** iostats field number, metric, and the factor from the file's unit to the metric's. */
    private record Field(int number, MetricDescriptor metric, double factor) {}

    private static final Field[] FIELDS = {
        new Field(1, MetricDescriptor.counter("node_disk_reads_completed_total",
                "The total number of reads completed successfully."), 1),
        new Field(2, MetricDescriptor.counter("node_disk_reads_merged_total",
                "The total number of reads merged."), 1),
        new Field(3, MetricDescriptor.counter("node_disk_read_bytes_total",
                "The total number of bytes read successfully."), DiskStats.SECTOR_BYTES),
        new Field(4, MetricDescriptor.counter("node_disk_read_time_seconds_total",
                "The total number of seconds spent by all reads."), 0.001),
        new Field(5, MetricDescriptor.counter("node_disk_writes_completed_total",
                "The total number of writes completed successfully."), 1),
        new Field(6, MetricDescriptor.counter("node_disk_writes_merged_total",
                "The number of writes merged."), 1),
        new Field(7, MetricDescriptor.counter("node_disk_written_bytes_total",
                "The total number of bytes written successfully."), DiskStats.SECTOR_BYTES),
        new Field(8, MetricDescriptor.counter("node_disk_write_time_seconds_total",
                "This is the total number of seconds spent by all writes."), 0.001),
        new Field(9, MetricDescriptor.gauge("node_disk_io_now",
                "The number of I/Os currently in progress."), 1),
        new Field(10, MetricDescriptor.counter("node_disk_io_time_seconds_total",
                "Total seconds spent doing I/Os."), 0.001),
        new Field(11, MetricDescriptor.counter("node_disk_io_time_weighted_seconds_total",
                "The weighted # of seconds spent doing I/Os."), 0.001),
    };

    private final HostPaths paths;
    private final Pattern exclude;

    public DiskStatsCollector(HostPaths paths, Pattern exclude) {
        this.paths = paths;
        this.exclude = exclude;
    }

    @Override
    public void collect(MetricSink out) throws Exception {
        for (DiskStats.Device d : DiskStats.parse(ProcText.read(paths.proc().resolve("diskstats")))) {
            if (exclude.matcher(d.name()).find()) {
                continue;
            }
            Labels labels = Labels.of("device", d.name());
            for (Field f : FIELDS) {
                long v = d.field(f.number());
                if (v >= 0) {
                    out.set(f.metric(), labels, v * f.factor());
                }
            }
        }
    }
}
