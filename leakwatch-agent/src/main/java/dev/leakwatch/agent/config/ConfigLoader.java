package dev.leakwatch.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Loads the agent's YAML configuration. Unknown settings are errors; every error found is
 * reported with its line and column, not only the first. An empty file (or no file at all,
 * {@link #defaults()}) gives the embedded defaults: loopback listeners, data under
 * {@code ./leakwatch-data}, host + self + all local JVMs.
 */
public final class ConfigLoader {
    /** The source name used for the embedded default configuration. */
    public static final String EMBEDDED = "<embedded>";

    private static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    private static final Duration MIN_TIMEOUT = Duration.ofMillis(10);

    private ConfigLoader() {}

    /** The embedded default configuration. */
    public static AgentConfig defaults() {
        try {
            return parse("", EMBEDDED);
        } catch (ConfigException e) {
            throw new IllegalStateException("the embedded defaults are invalid: " + e.getMessage(), e);
        }
    }

    /** Loads and validates a file. */
    public static AgentConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigError(file.toString(), Position.NONE, "",
                    "cannot read the file: " + describe(e))));
        }
        return parse(text, file.toString());
    }

    /** Parses and validates YAML text; {@code source} names it in error messages. */
    public static AgentConfig parse(String text, String source) throws ConfigException {
        ConfigSection.Context context = new ConfigSection.Context(source);
        AgentConfig config = bind(text, context);
        if (!context.errors.isEmpty()) {
            throw new ConfigException(sorted(context.errors));
        }
        return config;
    }

    /** Every error in the file (empty when valid), for {@code check-config}. */
    public static List<ConfigError> check(Path file) {
        try {
            load(file);
            return List.of();
        } catch (ConfigException e) {
            return e.errors();
        }
    }

    /** Every setting path the loader reads for this text, list items as {@code name[]}. */
    static Set<String> schema(String text) {
        ConfigSection.Context context = new ConfigSection.Context("schema");
        bind(text, context);
        return context.schema;
    }

    private static AgentConfig bind(String text, ConfigSection.Context context) {
        ConfigNode tree = new YamlTreeReader(context.source, context.errors).read(text);
        ConfigNode.Mapping rootNode;
        if (tree instanceof ConfigNode.Mapping m) {
            rootNode = m;
        } else {
            if (tree != null) {
                context.errors.add(new ConfigError(context.source, tree.position(), "",
                        "expected a mapping of settings at the top level, got " + tree.describe()));
            }
            rootNode = ConfigNode.Mapping.empty(new Position(1, 1));
        }
        ConfigSection root = new ConfigSection(context, "", "", rootNode);
        AgentConfig config = new AgentConfig(
                listeners(root.section("listeners")),
                Path.of(nonEmpty(root, "data_dir", AgentConfig.DEFAULT_DATA_DIR.toString())),
                root.duration("shutdown_timeout", AgentConfig.DEFAULT_SHUTDOWN_TIMEOUT, Duration.ofMillis(100)),
                logLevel(root),
                store(root.section("store")),
                collectors(root.section("collectors")),
                leakWatch(root.section("leak_watch")));
        root.finish();
        return config;
    }

    private static AgentConfig.Listeners listeners(ConfigSection s) {
        ConfigSection metricsSection = s.section("metrics");
        ListenAddress metrics = metricsSection.address("address", AgentConfig.DEFAULT_METRICS_ADDRESS);
        metricsSection.finish();
        ConfigSection adminSection = s.section("admin");
        ListenAddress admin = adminSection.address("address", AgentConfig.DEFAULT_ADMIN_ADDRESS);
        String token = adminSection.string("token_file", "");
        Optional<Path> tokenFile = token.isBlank() ? Optional.empty() : Optional.of(Path.of(token));
        boolean heapDump = adminSection.bool("heap_dump_enabled", false);
        if (tokenFile.isPresent() && !Files.isReadable(tokenFile.get())) {
            adminSection.error("token_file", "cannot read the token file \"" + token + "\"");
        }
        if (tokenFile.isEmpty() && !admin.isLoopback()) {
            adminSection.error("address", "a non-loopback admin address (" + admin
                    + ") requires listeners.admin.token_file (a bearer token)");
        }
        adminSection.finish();
        if (metrics.port() != 0 && metrics.port() == admin.port() && metrics.host().equals(admin.host())) {
            metricsSection.error("address", "the metrics and admin listeners cannot share " + metrics);
        }
        s.finish();
        return new AgentConfig.Listeners(metrics, new AgentConfig.Admin(admin, tokenFile, heapDump));
    }

    private static String logLevel(ConfigSection root) {
        String level = root.string("log_level", AgentConfig.DEFAULT_LOG_LEVEL).toLowerCase(Locale.ROOT);
        if (!AgentConfig.LOG_LEVELS.contains(level)) {
            root.error("log_level", "must be one of " + String.join(", ", AgentConfig.LOG_LEVELS)
                    + ", got \"" + level + "\"");
            return AgentConfig.DEFAULT_LOG_LEVEL;
        }
        return level;
    }

    private static AgentConfig.Store store(ConfigSection s) {
        int maxSeries = (int) s.integer("max_series", AgentConfig.Store.DEFAULT_MAX_SERIES, 1, 10_000_000);
        int perMetric = (int) s.integer("max_series_per_metric", AgentConfig.Store.DEFAULT_MAX_SERIES_PER_METRIC,
                1, 10_000_000);
        Duration ttl = s.duration("series_ttl", AgentConfig.Store.DEFAULT_SERIES_TTL, Duration.ofSeconds(1));
        Duration sweep = s.duration("sweep_interval", AgentConfig.Store.DEFAULT_SWEEP_INTERVAL, MIN_INTERVAL);
        ConfigSection h = s.section("history");
        AgentConfig.History history = new AgentConfig.History(
                (int) h.integer("samples", AgentConfig.History.DEFAULT_SAMPLES, 2, 100_000),
                (int) h.integer("max_series", AgentConfig.History.DEFAULT_MAX_SERIES, 0, 10_000_000),
                h.strings("metrics", AgentConfig.History.DEFAULT_METRICS));
        h.finish();
        s.finish();
        return new AgentConfig.Store(maxSeries, perMetric, ttl, sweep, history);
    }

    private static AgentConfig.Collectors collectors(ConfigSection s) {
        AgentConfig.Host host = host(s.section("host"));
        ConfigSection selfSection = s.section("self");
        AgentConfig.Schedule self = schedule(selfSection);
        selfSection.finish();
        AgentConfig.Processes processes = processes(s.section("processes"));
        ConfigSection jvmSection = s.section("jvms");
        AgentConfig.Jvms jvms = new AgentConfig.Jvms(schedule(jvmSection),
                Path.of(nonEmpty(jvmSection, "tmp_path", "/tmp")));
        jvmSection.finish();
        s.finish();
        return new AgentConfig.Collectors(host, self, processes, jvms);
    }

    private static AgentConfig.LeakWatch leakWatch(ConfigSection s) {
        boolean enabled = s.bool("enabled", true);
        Duration interval = s.duration("interval", AgentConfig.LeakWatch.DEFAULT_INTERVAL, Duration.ofSeconds(1));
        Duration window = s.duration("window", AgentConfig.LeakWatch.DEFAULT_WINDOW, Duration.ofSeconds(10));
        Duration warmup = s.duration("warmup", AgentConfig.LeakWatch.DEFAULT_WARMUP, Duration.ZERO);
        Duration selfWarmup = s.duration("self_warmup", AgentConfig.LeakWatch.DEFAULT_SELF_WARMUP, Duration.ZERO);
        if (window.compareTo(interval) < 0) {
            s.error("window", "must be at least the interval (" + Durations.format(interval) + "), got "
                    + Durations.format(window));
        }
        ConfigSection c = s.section("capture");
        boolean captureEnabled = c.bool("enabled", true);
        Duration duration = c.duration("duration", AgentConfig.Capture.DEFAULT_DURATION,
                AgentConfig.Capture.MIN_DURATION);
        Duration perProcess = c.duration("per_process_interval", AgentConfig.Capture.DEFAULT_PER_PROCESS_INTERVAL,
                Duration.ofSeconds(1));
        int perHour = (int) c.integer("max_per_hour", AgentConfig.Capture.DEFAULT_MAX_PER_HOUR, 0, 3_600);
        if (perProcess.compareTo(duration) < 0) {
            c.error("per_process_interval", "must be at least the capture duration (" + Durations.format(duration)
                    + "), got " + Durations.format(perProcess));
        }
        c.finish();
        s.finish();
        return new AgentConfig.LeakWatch(enabled, interval, window, warmup, selfWarmup,
                new AgentConfig.Capture(captureEnabled, duration, perProcess, perHour));
    }

    private static AgentConfig.Schedule schedule(ConfigSection s) {
        return new AgentConfig.Schedule(
                s.bool("enabled", true),
                s.duration("interval", AgentConfig.Schedule.DEFAULT_INTERVAL, MIN_INTERVAL),
                s.duration("timeout", AgentConfig.Schedule.DEFAULT_TIMEOUT, MIN_TIMEOUT));
    }

    private static AgentConfig.Host host(ConfigSection s) {
        AgentConfig.Schedule schedule = schedule(s);
        Path proc = Path.of(nonEmpty(s, "proc_path", "/proc"));
        Path sys = Path.of(nonEmpty(s, "sys_path", "/sys"));
        Path rootfs = Path.of(nonEmpty(s, "rootfs_path", "/"));
        ConfigSection fs = s.section("filesystem");
        var mounts = fs.regex("mount_points_exclude", AgentConfig.Host.DEFAULT_MOUNT_POINTS_EXCLUDE);
        var types = fs.regex("fs_types_exclude", AgentConfig.Host.DEFAULT_FS_TYPES_EXCLUDE);
        fs.finish();
        ConfigSection disk = s.section("disk");
        var disks = disk.regex("devices_exclude", AgentConfig.Host.DEFAULT_DISK_DEVICES_EXCLUDE);
        disk.finish();
        ConfigSection net = s.section("network");
        var nets = net.regex("devices_exclude", AgentConfig.Host.DEFAULT_NET_DEVICES_EXCLUDE);
        net.finish();
        s.finish();
        return new AgentConfig.Host(schedule, proc, sys, rootfs, mounts, types, disks, nets);
    }

    private static AgentConfig.Processes processes(ConfigSection s) {
        AgentConfig.Schedule schedule = schedule(s);
        boolean allJvms = s.bool("all_jvms", true);
        List<WatchRule> rules = new ArrayList<>();
        for (ConfigSection item : s.sections("watch")) {
            WatchRule rule = watchRule(item);
            if (rule != null) {
                rules.add(rule);
            }
            item.finish();
        }
        s.finish();
        return new AgentConfig.Processes(schedule, allJvms, List.copyOf(rules));
    }

    private static WatchRule watchRule(ConfigSection item) {
        List<WatchRule> found = new ArrayList<>();
        if (item.has("name")) {
            found.add(new WatchRule.Name(item.string("name", "")));
        } else {
            item.string("name", "");
        }
        if (item.has("regex")) {
            found.add(new WatchRule.Regex(item.regex("regex", "")));
        } else {
            item.regex("regex", "");
        }
        if (item.has("pid")) {
            found.add(new WatchRule.Pid(item.integer("pid", 1, 1, Integer.MAX_VALUE)));
        } else {
            item.integer("pid", 1, 1, Integer.MAX_VALUE);
        }
        if (item.has("cmdline")) {
            found.add(new WatchRule.Cmdline(item.string("cmdline", "")));
        } else {
            item.string("cmdline", "");
        }
        if (found.size() != 1) {
            item.errorHere("each watch entry needs exactly one of name, regex, pid, cmdline; got "
                    + (found.isEmpty() ? "none" : found.size()));
            return null;
        }
        return found.get(0);
    }

    private static String nonEmpty(ConfigSection s, String key, String defaultValue) {
        String value = s.string(key, defaultValue);
        if (value.isBlank()) {
            s.error(key, "must not be empty");
            return defaultValue;
        }
        return value;
    }

    private static List<ConfigError> sorted(List<ConfigError> errors) {
        List<ConfigError> out = new ArrayList<>(errors);
        out.sort((a, b) -> a.position().line() != b.position().line()
                ? Integer.compare(a.position().line(), b.position().line())
                : Integer.compare(a.position().column(), b.position().column()));
        return out;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
