package dev.leakwatch.agent.collect.host;

import dev.leakwatch.agent.collect.Collector;
import dev.leakwatch.agent.collect.MetricSink;
import dev.leakwatch.agent.store.MetricDescriptor;

/** {@code node_filefd_allocated} and {@code node_filefd_maximum} from {@code /proc/sys/fs/file-nr}. */
public final class FileFdCollector implements Collector {
    static final MetricDescriptor ALLOCATED = MetricDescriptor.gauge("node_filefd_allocated",
            "File descriptor statistics: allocated.");
    static final MetricDescriptor MAXIMUM = MetricDescriptor.gauge("node_filefd_maximum",
            "File descriptor statistics: maximum.");

    private final HostPaths paths;

    public FileFdCollector(HostPaths paths) {
        this.paths = paths;
    }

    @Override
    public void collect(MetricSink out) throws Exception {
        FileNr nr = FileNr.parse(ProcText.read(paths.proc().resolve("sys").resolve("fs").resolve("file-nr")));
        out.set(ALLOCATED, nr.allocated());
        out.set(MAXIMUM, nr.maximum());
    }
}
