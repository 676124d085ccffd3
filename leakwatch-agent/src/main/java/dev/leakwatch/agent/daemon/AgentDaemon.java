package dev.leakwatch.agent.daemon;

import dev.leakwatch.agent.collect.CollectorCatalog;
import dev.leakwatch.agent.collect.CollectorMetrics;
import dev.leakwatch.agent.collect.CollectorSpec;
import dev.leakwatch.agent.config.AgentConfig;
import dev.leakwatch.agent.config.ConfigError;
import dev.leakwatch.agent.config.ConfigException;
import dev.leakwatch.agent.config.ConfigLoader;
import dev.leakwatch.agent.config.ListenAddress;
import dev.leakwatch.agent.config.Position;
import dev.leakwatch.agent.findings.FindingsRepository;
import dev.leakwatch.agent.findings.SqliteFindingsRepository;
import dev.leakwatch.agent.lifecycle.Component;
import dev.leakwatch.agent.lifecycle.Lifecycle;
import dev.leakwatch.agent.lifecycle.LifecycleException;
import dev.leakwatch.agent.lifecycle.StopReport;
import dev.leakwatch.agent.metrics.MetricsRegistry;
import dev.leakwatch.agent.metrics.MetricsServer;
import dev.leakwatch.agent.metrics.StoreCollector;
import dev.leakwatch.agent.metrics.StoreStatsCollector;
import dev.leakwatch.agent.store.SeriesStore;
import dev.leakwatch.agent.store.StoreLimits;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The monitoring agent: the series store and its sweep, the findings store, the collectors, the
 * metrics listener, SIGHUP reload, and any further components (the leak watch, the admin listener,
 * ingest, ...) added through {@link Builder#component}. All of them start and stop through one
 * {@link Lifecycle}: in dependency order, and in reverse within {@code shutdown_timeout}. A reload
 * reaches the further components that are {@link Reconfigurable}.
 */
public final class AgentDaemon {
    private static final Logger LOG = Logger.getLogger(AgentDaemon.class.getName());

    private final Optional<Path> configFile;
    private final SeriesStore store;
    private final MetricsRegistry metrics;
    private final CollectorsComponent collectors;
    private final MetricsServer metricsServer;
    private final FindingsComponent findings;
    private final Lifecycle lifecycle;
    private final List<Reconfigurable> reconfigurables = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Gauge reloadSuccessful;
    private final Gauge reloadTimestamp;
    private volatile AgentConfig config;

    private AgentDaemon(Builder b) {
        this.config = b.config;
        this.configFile = b.configFile;
        this.store = new SeriesStore(limits(config));
        this.metrics = new MetricsRegistry();
        CollectorMetrics collectorMetrics = new CollectorMetrics(metrics.agentRegistry());
        this.collectors = new CollectorsComponent(store, collectorMetrics, CollectorCatalog.forConfig(config));
        metrics.agentRegistry().register(new StoreStatsCollector(store));
        StoreCollector storeExposition = new StoreCollector(store);
        metrics.addDynamic(storeExposition);
        GaugeWithCallback.builder().name("leakwatch_metric_families_unexported")
                .help("Metric families the last scrape left out because the exposition format refuses their name.")
                .callback(cb -> cb.call(storeExposition.unexportedFamilies()))
                .register(metrics.agentRegistry());
        reloadSuccessful = Gauge.builder().name("leakwatch_config_last_reload_successful")
                .help("1 if the last configuration reload succeeded (or none happened), 0 if it was rejected.")
                .withoutExemplars().register(metrics.agentRegistry());
        reloadTimestamp = Gauge.builder().name("leakwatch_config_last_reload_success_timestamp_seconds")
                .help("When the configuration was last loaded successfully.")
                .withoutExemplars().register(metrics.agentRegistry());
        reloadSuccessful.set(1);
        reloadTimestamp.set(System.currentTimeMillis() / 1000.0);
        Info.builder().name("leakwatch_agent_info").help("The agent's version.").labelNames("version")
                .register(metrics.agentRegistry()).addLabelValues(version());
        this.metricsServer = new MetricsServer(config.listeners().metrics(), metrics,
                this::ready);
        metricsServer.registerMetrics(metrics.agentRegistry());

        StoreComponent storeComponent = new StoreComponent(store, config.store().sweepInterval());
        // The data directory holds only the findings store, which creates it and falls back to memory without it.
        this.findings = new FindingsComponent(config.dataDir(), SqliteFindingsRepository.DEFAULT_MAX_ENTRIES,
                metrics.agentRegistry(), b.findingsOpener);
        Lifecycle.Builder lb = Lifecycle.builder().stopDeadline(config.shutdownTimeout())
                .add(findings)
                .add(storeComponent)
                .add(collectors, storeComponent)
                .add(metricsServer, storeComponent);
        Context context = new Context(this);
        for (Function<Context, Component> extra : b.extras) {
            // Extra components start after the core ones and stop before them.
            Component component = extra.apply(context);
            lb.add(component, findings, storeComponent, collectors, metricsServer);
            if (component instanceof Reconfigurable r) {
                reconfigurables.add(r);
            }
        }
        if (b.handleSignals) {
            lb.add(new SignalReloader(this::reload), metricsServer);
        }
        this.lifecycle = lb.build();
    }

    /** Ready once started and every collector has finished its first run. */
    public boolean ready() {
        return lifecycle.isRunning() && collectors.initialCollectionDone();
    }

    public static Builder builder(AgentConfig config) {
        return new Builder(config);
    }

    /** Starts everything; on failure, what started is stopped again and the cause thrown. */
    public void start() throws LifecycleException {
        try {
            lifecycle.start();
        } catch (LifecycleException e) {
            stopped.countDown();
            throw e;
        }
        LOG.info(() -> "leakwatch agent running: " + lifecycle.startOrder().size() + " components, collectors "
                + collectors.collectorNames());
    }

    /** Stops everything in reverse order within the shutdown timeout; idempotent. */
    public StopReport stop() {
        try {
            return lifecycle.stop();
        } finally {
            stopped.countDown();
        }
    }

    /** Blocks until {@link #stop()} has finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /**
     * Re-reads the configuration file and applies it; a file with errors is rejected with all of
     * them and the running configuration stays. Listener addresses, {@code data_dir},
     * {@code shutdown_timeout} and {@code store.sweep_interval} take effect only after a restart
     * (reported in the notes); the rest, {@code leak_watch} included, at once.
     */
    public synchronized ReloadResult reload() {
        if (configFile.isEmpty()) {
            return ReloadResult.rejected(List.of(new ConfigError(ConfigLoader.EMBEDDED, Position.NONE, "",
                    "the agent runs on the embedded defaults (no --config file): nothing to reload")));
        }
        AgentConfig next;
        try {
            next = ConfigLoader.load(configFile.get());
        } catch (ConfigException e) {
            reloadSuccessful.set(0);
            ReloadResult result = ReloadResult.rejected(e.errors());
            LOG.warning(() -> result.describe().strip().replace("\n", "; "));
            return result;
        }
        return apply(next);
    }

    /** Applies an already validated configuration (what {@link #reload()} does after loading). */
    public synchronized ReloadResult apply(AgentConfig next) {
        List<String> notes = new ArrayList<>();
        AgentConfig old = config;
        if (!next.listeners().equals(old.listeners())) {
            notes.add("listeners changed: takes effect after a restart");
        }
        if (!next.dataDir().equals(old.dataDir())) {
            notes.add("data_dir changed: takes effect after a restart");
        }
        if (!next.shutdownTimeout().equals(old.shutdownTimeout())) {
            notes.add("shutdown_timeout changed: takes effect after a restart");
        }
        if (!next.store().sweepInterval().equals(old.store().sweepInterval())) {
            notes.add("store.sweep_interval changed: takes effect after a restart");
        }
        List<CollectorSpec> specs;
        try {
            specs = CollectorCatalog.forConfig(next);
            store.limits(limits(next));
            collectors.replace(specs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reloadSuccessful.set(0);
            return ReloadResult.failed("interrupted while replacing the collectors");
        } catch (RuntimeException e) {
            reloadSuccessful.set(0);
            store.limits(limits(old));
            return ReloadResult.failed("cannot apply the configuration: " + e.getMessage());
        }
        for (Reconfigurable r : reconfigurables) {
            try {
                r.reconfigure(next);
            } catch (RuntimeException e) {
                reloadSuccessful.set(0);
                return ReloadResult.failed("cannot apply the configuration: " + e.getMessage());
            }
        }
        if (!next.logLevel().equals(old.logLevel())) {
            Logger.getLogger("").setLevel(AgentLogging.toLevel(next.logLevel()));
            for (var h : Logger.getLogger("").getHandlers()) {
                h.setLevel(AgentLogging.toLevel(next.logLevel()));
            }
        }
        config = next;
        reloadSuccessful.set(1);
        reloadTimestamp.set(System.currentTimeMillis() / 1000.0);
        LOG.info(() -> "configuration reloaded; collectors " + collectors.collectorNames()
                + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
        return ReloadResult.applied(notes);
    }

    public AgentConfig config() {
        return config;
    }

    public SeriesStore store() {
        return store;
    }

    public MetricsRegistry metrics() {
        return metrics;
    }

    /** The metrics listener's bound address (a real port even when configured as 0). */
    public ListenAddress metricsAddress() {
        return metricsServer.boundAddress();
    }

    /** Start order of the components, for logs and tests. */
    public List<String> components() {
        return lifecycle.startOrder();
    }

    static StoreLimits limits(AgentConfig c) {
        AgentConfig.Store s = c.store();
        return new StoreLimits(s.maxSeries(), s.maxSeriesPerMetric(), s.seriesTtl(), s.history().samples(),
                s.history().maxSeries(), new HashSet<>(s.history().metrics()));
    }

    private static String version() {
        String v = AgentDaemon.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** What an extra component may use from the agent. */
    public record Context(AgentDaemon daemon) {
        public SeriesStore store() {
            return daemon.store;
        }

        public MetricsRegistry metrics() {
            return daemon.metrics;
        }

        public AgentConfig config() {
            return daemon.config;
        }

        /**
         * The findings store, open while the agent runs: {@code <data_dir>/findings.db}, or an
         * in-memory one when that cannot be opened. The agent owns it, so closing it here does nothing.
         */
        public FindingsRepository findings() {
            return daemon.findings.repository();
        }
    }

    public static final class Builder {
        private final AgentConfig config;
        private Optional<Path> configFile = Optional.empty();
        private final List<Function<Context, Component>> extras = new ArrayList<>();
        private boolean handleSignals;
        private FindingsComponent.Opener findingsOpener = SqliteFindingsRepository::open;

        private Builder(AgentConfig config) {
            this.config = config;
        }

        /** The file the configuration came from, re-read on reload. */
        public Builder configFile(Path file) {
            this.configFile = Optional.of(file);
            return this;
        }

        /**
         * Adds a component (the leak watch, the admin listener...) that starts after the store,
         * the collectors and the metrics listener, and stops before them.
         */
        public Builder component(Function<Context, Component> factory) {
            extras.add(factory);
            return this;
        }

        /** Reloads on SIGHUP (for the real daemon; tests leave it off). */
        public Builder handleSignals(boolean value) {
            this.handleSignals = value;
            return this;
        }

        /** For testing: what opens the durable findings store (one that fails as SQLite can). */
        Builder findingsOpener(FindingsComponent.Opener opener) {
            this.findingsOpener = opener;
            return this;
        }

        public AgentDaemon build() {
            return new AgentDaemon(this);
        }
    }
}
