package dev.leakwatch.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The agent's whole configuration, as read by {@link ConfigLoader}. Every default is a named
 * constant here and documented in {@code docs/configuration.md}; a test checks that every
 * setting the loader reads appears there.
 */
public record AgentConfig(
        Listeners listeners, Path dataDir, Duration shutdownTimeout, String logLevel, Store store,
        Collectors collectors, LeakWatch leakWatch) {

    public static final String DEFAULT_METRICS_ADDRESS = "127.0.0.1:9465";
    public static final String DEFAULT_ADMIN_ADDRESS = "127.0.0.1:6060";
    public static final Path DEFAULT_DATA_DIR = Path.of("./leakwatch-data");
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    public static final String DEFAULT_LOG_LEVEL = "info";
    public static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug");

    /** The two HTTP listeners: what is safe to expose, and what is not. */
    public record Listeners(ListenAddress metrics, Admin admin) {}

    /**
     * The admin listener.
     *
     * @param tokenFile         file holding the bearer token; required for a non-loopback address
     * @param heapDumpEnabled   whether {@code /debug/heapdump} answers (off by default)
     */
    public record Admin(ListenAddress address, Optional<Path> tokenFile, boolean heapDumpEnabled) {}

    /** Bounds of the series store. */
    public record Store(
            int maxSeries, int maxSeriesPerMetric, Duration seriesTtl, Duration sweepInterval, History history) {
        public static final int DEFAULT_MAX_SERIES = 100_000;
        /** As OpenTelemetry's default cardinality limit per metric. */
        public static final int DEFAULT_MAX_SERIES_PER_METRIC = 2_000;
        public static final Duration DEFAULT_SERIES_TTL = Duration.ofMinutes(5);
        public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(30);
    }

    /**
     * Per-series history kept for leak watching and the UI.
     *
     * @param samples   ring size per series
     * @param maxSeries how many series may keep a history at once
     * @param metrics   metric names whose series keep a history
     */
    public record History(int samples, int maxSeries, List<String> metrics) {
        /** One hour at the default 15 s interval. */
        public static final int DEFAULT_SAMPLES = 240;
        public static final int DEFAULT_MAX_SERIES = 5_000;
        /**
         * The leak-watch signals: lower envelope of heap, threads, fds, metaspace, RSS (and the GC
         * pause counts, which mark G1's concurrent cycles for its heap signal).
         */
        public static final List<String> DEFAULT_METRICS = List.of(
                "jvm_memory_old_gen_after_gc_bytes",
                "jvm_memory_used_bytes",
                "jvm_gc_collection_seconds_count",
                "jvm_threads_live",
                "jvm_classes_currently_loaded",
                "process_open_fds",
                "process_threads",
                "process_resident_memory_bytes",
                "leakwatch_agent_heap_after_gc_bytes",
                "leakwatch_agent_threads",
                "leakwatch_agent_open_fds",
                "leakwatch_agent_resident_memory_bytes");
    }

    /** When a collector runs and how long one run may take. */
    public record Schedule(boolean enabled, Duration interval, Duration timeout) {
        public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    }

    public record Collectors(Host host, Schedule self, Processes processes, Jvms jvms) {}

    /**
     * JVM metrics from hsperfdata.
     *
     * @param tmpPath where the host's {@code /tmp} is (the {@code hsperfdata_<user>} directories);
     *                JVMs in other mount namespaces are found through {@code /proc/<pid>/root/tmp}
     */
    public record Jvms(Schedule schedule, Path tmpPath) {}

    /**
     * Host metrics with node_exporter's names.
     *
     * @param procPath   where procfs is mounted (in a container: the host's, e.g. {@code /host/proc})
     * @param sysPath    where sysfs is mounted
     * @param rootfsPath prefix of the host's root filesystem, for filesystem sizes
     */
    public record Host(
            Schedule schedule, Path procPath, Path sysPath, Path rootfsPath,
            Pattern mountPointsExclude, Pattern fsTypesExclude, Pattern diskDevicesExclude,
            Pattern netDevicesExclude) {
        // node_exporter's defaults, so the same filesystems and devices show up.
        public static final String DEFAULT_MOUNT_POINTS_EXCLUDE =
                "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)";
        public static final String DEFAULT_FS_TYPES_EXCLUDE =
                "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660"
                        + "|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|erofs"
                        + "|sysfs|tracefs)$";
        public static final String DEFAULT_DISK_DEVICES_EXCLUDE =
                "^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$";
        public static final String DEFAULT_NET_DEVICES_EXCLUDE = "^$";
    }

    /**
     * Per-process metrics.
     *
     * @param allJvms whether every local JVM is monitored without a watch rule
     * @param watch   further processes to monitor
     */
    public record Processes(Schedule schedule, boolean allJvms, List<WatchRule> watch) {}

    /**
     * The continuous leak watch: every watched process (and the agent itself) through the
     * diagnose detectors on a rolling window of the store's history.
     *
     * @param enabled  whether the watch runs
     * @param interval time between evaluations
     * @param window   how far back the readings of one evaluation reach
     * @param warmup   readings taken in a process's first {@code warmup} are ignored (start-up growth)
     * @param selfWarmup the same for the agent itself
     * @param capture  evidence capture on suspicion
     */
    public record LeakWatch(boolean enabled, Duration interval, Duration window, Duration warmup, Duration selfWarmup,
            Capture capture) {
        /** The collectors' default interval: each evaluation sees one new reading. */
        public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
        /** Long enough to see a slow leak, short enough that growth which stopped clears within it. */
        public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
        /**
         * Class loading, JIT threads and heap sizing of a fresh JVM happen mostly in its first
         * seconds; 30 s keeps a fast leak flagged within 3 minutes at the 15 s collector interval
         * (30 s, then the 9 readings the detector needs after its own 5% warm-up, then at most one
         * evaluation interval: 30 + 120 + 15 s).
         */
        public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(30);
        /**
         * The agent's own heap after GC climbs for its first minutes, while the store meets every
         * series and allocates their history rings and the survivor spaces settle (measured: about
         * 800 KiB/min for two minutes, then flat).
         */
        public static final Duration DEFAULT_SELF_WARMUP = Duration.ofMinutes(5);
    }

    /**
     * Evidence capture: the diagnose engine run on a suspected process, bounded by budgets.
     *
     * @param enabled            whether captures run at all (trend-only findings otherwise)
     * @param duration           how long one capture watches the process
     * @param perProcessInterval at most one capture per process within this
     * @param maxPerHour         at most this many captures on the host per rolling hour
     */
    public record Capture(boolean enabled, Duration duration, Duration perProcessInterval, int maxPerHour) {
        /** Three class histograms (three forced full GCs) spread over a minute. */
        public static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
        public static final Duration DEFAULT_PER_PROCESS_INTERVAL = Duration.ofMinutes(30);
        public static final int DEFAULT_MAX_PER_HOUR = 4;
        /** The diagnose engine's shortest window. */
        public static final Duration MIN_DURATION = Duration.ofSeconds(10);
    }
}
