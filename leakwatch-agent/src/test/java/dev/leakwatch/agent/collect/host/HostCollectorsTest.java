package dev.leakwatch.agent.collect.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.agent.collect.RecordingSink;
import dev.leakwatch.agent.config.AgentConfig;
import dev.leakwatch.agent.store.MetricType;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every host collector on a /proc tree recorded from a real two-CPU VM. */
class HostCollectorsTest {
    static final HostPaths FIXTURE = fixture();

    static HostPaths fixture() {
        try {
            Path proc = Path.of(HostCollectorsTest.class.getResource("/host/proc").toURI());
            return new HostPaths(proc, proc.resolveSibling("sys"), Path.of("/"));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RecordingSink run(dev.leakwatch.agent.collect.Collector c) throws Exception {
        RecordingSink sink = new RecordingSink();
        c.collect(sink);
        return sink;
    }

    @Test
    void cpuSecondsPerCpuAndMode() throws Exception {
        RecordingSink s = run(new CpuCollector(FIXTURE));
        assertThat(s.value("node_cpu_seconds_total{cpu=\"0\",mode=\"user\"}")).isEqualTo(840.26);
        assertThat(s.value("node_cpu_seconds_total{cpu=\"1\",mode=\"idle\"}")).isEqualTo(421.92);
        assertThat(s.value("node_cpu_seconds_total{cpu=\"1\",mode=\"softirq\"}")).isEqualTo(3.38);
        assertThat(s.value("node_cpu_guest_seconds_total{cpu=\"0\",mode=\"nice\"}")).isZero();
        assertThat(s.values()).hasSize(2 * 8 + 2 * 2);
        assertThat(s.descriptor("node_cpu_seconds_total").type()).isEqualTo(MetricType.COUNTER);
    }

    @Test
    void kernelCountersOfProcStat() throws Exception {
        RecordingSink s = run(new StatCollector(FIXTURE));
        assertThat(s.value("node_context_switches_total{}")).isEqualTo(2_759_202);
        assertThat(s.value("node_boot_time_seconds{}")).isEqualTo(1_795_782_988);
        assertThat(s.value("node_forks_total{}")).isEqualTo(34_776);
        assertThat(s.value("node_procs_running{}")).isEqualTo(7);
        assertThat(s.value("node_procs_blocked{}")).isZero();
    }

    @Test
    void meminfoWithNodeExporterNames() throws Exception {
        RecordingSink s = run(new MemInfoCollector(FIXTURE));
        assertThat(s.value("node_memory_MemTotal_bytes{}")).isEqualTo(24_683_620 * 1024.0);
        assertThat(s.value("node_memory_MemAvailable_bytes{}")).isEqualTo(23_585_976 * 1024.0);
        assertThat(s.value("node_memory_MemFree_bytes{}")).isEqualTo(23_117_940 * 1024.0);
        assertThat(s.value("node_memory_Buffers_bytes{}")).isEqualTo(63_856 * 1024.0);
        assertThat(s.value("node_memory_Cached_bytes{}")).isEqualTo(556_536 * 1024.0);
        assertThat(s.value("node_memory_SwapTotal_bytes{}")).isZero();
        assertThat(s.value("node_memory_SwapFree_bytes{}")).isZero();
        assertThat(s.value("node_memory_Active_anon_bytes{}")).isEqualTo(1_604 * 1024.0);
        assertThat(s.value("node_memory_HugePages_Total{}")).isZero();
    }

    @Test
    void loadAverages() throws Exception {
        RecordingSink s = run(new LoadAvgCollector(FIXTURE));
        assertThat(s.value("node_load1{}")).isEqualTo(11.55);
        assertThat(s.value("node_load5{}")).isEqualTo(11.52);
        assertThat(s.value("node_load15{}")).isEqualTo(6.95);
    }

    @Test
    void diskStatsSkipPartitionsAndLoopDevicesByDefault() throws Exception {
        Pattern exclude = Pattern.compile(AgentConfig.Host.DEFAULT_DISK_DEVICES_EXCLUDE);
        RecordingSink s = run(new DiskStatsCollector(FIXTURE, exclude));
        assertThat(s.value("node_disk_reads_completed_total{device=\"vda\"}")).isEqualTo(89_817);
        assertThat(s.value("node_disk_read_bytes_total{device=\"vda\"}")).isEqualTo(3_318_138 * 512.0);
        assertThat(s.value("node_disk_writes_completed_total{device=\"vda\"}")).isEqualTo(23_093);
        assertThat(s.value("node_disk_written_bytes_total{device=\"vda\"}")).isEqualTo(2_336_704 * 512.0);
        assertThat(s.value("node_disk_io_time_seconds_total{device=\"vda\"}")).isEqualTo(19.468);
        assertThat(s.values().keySet()).noneMatch(k -> k.contains("loop") || k.contains("zram"));
    }

    @Test
    void networkCountersPerDevice() throws Exception {
        RecordingSink s = run(new NetDevCollector(FIXTURE, Pattern.compile("^(ifb\\d+)$")));
        assertThat(s.value("node_network_receive_bytes_total{device=\"eth0\"}")).isEqualTo(51_302_183);
        assertThat(s.value("node_network_transmit_bytes_total{device=\"eth0\"}")).isEqualTo(380_513);
        assertThat(s.value("node_network_receive_packets_total{device=\"lo\"}")).isEqualTo(8_987);
        assertThat(s.value("node_network_transmit_packets_total{device=\"eth0\"}")).isEqualTo(3_027);
        assertThat(s.value("node_network_receive_errs_total{device=\"eth0\"}")).isZero();
        assertThat(s.value("node_network_transmit_drop_total{device=\"eth0\"}")).isZero();
        assertThat(s.values().keySet()).noneMatch(k -> k.contains("ifb"));
        assertThat(s.values()).hasSize(2 * 16);
    }

    @Test
    void fileHandles() throws Exception {
        RecordingSink s = run(new FileFdCollector(FIXTURE));
        assertThat(s.value("node_filefd_allocated{}")).isEqualTo(787);
        assertThat(s.value("node_filefd_maximum{}")).isEqualTo(2_466_160);
    }

    @Test
    void filesystemsFilteredLikeNodeExporter() throws Exception {
        List<Path> statted = new ArrayList<>();
        FilesystemCollector c = new FilesystemCollector(FIXTURE,
                Pattern.compile(AgentConfig.Host.DEFAULT_MOUNT_POINTS_EXCLUDE),
                Pattern.compile(AgentConfig.Host.DEFAULT_FS_TYPES_EXCLUDE), mountPoint -> {
                    statted.add(mountPoint);
                    return new FilesystemCollector.Space(1000, 400, 300);
                });
        RecordingSink s = run(c);
        assertThat(statted).containsExactly(Path.of("/"), Path.of("/var/lib/data"), Path.of("/mnt/backup disk"));
        assertThat(s.value("node_filesystem_size_bytes{device=\"/dev/vda\",fstype=\"ext4\",mountpoint=\"/\"}"))
                .isEqualTo(1000);
        assertThat(s.value("node_filesystem_free_bytes{device=\"/dev/vdb\",fstype=\"xfs\",mountpoint=\"/var/lib/data\"}"))
                .isEqualTo(400);
        assertThat(s.value("node_filesystem_avail_bytes{device=\"/dev/vda\",fstype=\"ext4\",mountpoint=\"/\"}"))
                .isEqualTo(300);
        assertThat(s.value("node_filesystem_readonly{device=\"/dev/vdc\",fstype=\"ext4\",mountpoint=\"/mnt/backup disk\"}"))
                .isEqualTo(1);
    }

    @Test
    void filesystemsUnderARootfsPrefixAreStattedThereAndReportedWithout() throws Exception {
        List<Path> statted = new ArrayList<>();
        HostPaths inContainer = new HostPaths(FIXTURE.proc(), FIXTURE.sys(), Path.of("/host"));
        RecordingSink s = run(new FilesystemCollector(inContainer, Pattern.compile("^/(dev|sys|proc)($|/)"),
                Pattern.compile("^(proc|sysfs|tmpfs|devtmpfs|devpts|cgroup2?)$"), mountPoint -> {
                    statted.add(mountPoint);
                    return new FilesystemCollector.Space(1, 1, 1);
                }));
        assertThat(statted).contains(Path.of("/host"), Path.of("/host/var/lib/data"));
        assertThat(s.values().keySet()).anyMatch(k -> k.contains("mountpoint=\"/var/lib/data\""));
    }

    @Test
    void realFilesystemOfThisHostHasASize() throws Exception {
        FilesystemCollector.Space root = FilesystemCollector.STATVFS.read(Path.of("/"));
        assertThat(root).isNotNull();
        assertThat(root.size()).isGreaterThan(0);
        assertThat(root.free()).isBetween(0L, root.size());
    }

    @Test
    void timeIsTheClocks() {
        RecordingSink s = new RecordingSink();
        new TimeCollector(Clock.fixed(Instant.ofEpochMilli(1_700_000_000_500L), ZoneOffset.UTC)).collect(s);
        assertThat(s.value("node_time_seconds{}")).isEqualTo(1_700_000_000.5);
    }

    @Test
    void aMissingFileFailsTheCollectorWithItsPath() {
        HostPaths nowhere = new HostPaths(Path.of("/nonexistent/proc"), Path.of("/nonexistent/sys"), Path.of("/"));
        assertThatThrownBy(() -> run(new LoadAvgCollector(nowhere))).hasMessageContaining("/nonexistent/proc/loadavg");
    }
}
