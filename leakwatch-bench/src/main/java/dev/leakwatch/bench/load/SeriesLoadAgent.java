package dev.leakwatch.bench.load;

import dev.leakwatch.agent.config.AgentConfig;
import dev.leakwatch.agent.config.ConfigException;
import dev.leakwatch.agent.config.ConfigLoader;
import dev.leakwatch.agent.daemon.AdminComponent;
import dev.leakwatch.agent.daemon.AgentDaemon;
import dev.leakwatch.agent.daemon.AgentLogging;
import dev.leakwatch.agent.lifecycle.LeakwatchThreads;
import dev.leakwatch.agent.lifecycle.LifecycleException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The real agent daemon (as {@code leakwatch agent} builds it: store, collectors, metrics and
 * admin listeners) plus a {@link SeriesLoad} writing synthetic application series into its
 * store, until SIGTERM. Used by {@code bench/agent-100k-series.sh} to measure the agent's memory
 * with a full store.
 *
 * <p>{@code java <launcher's agent options> -cp <bench classpath> dev.leakwatch.bench.load.SeriesLoadAgent
 * CONFIG SERIES_PER_RUN POOL INTERVAL_SECONDS}
 */
public final class SeriesLoadAgent {
    private SeriesLoadAgent() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4) {
            System.err.println("usage: SeriesLoadAgent CONFIG SERIES_PER_RUN POOL INTERVAL_SECONDS");
            System.exit(2);
        }
        AgentConfig config;
        try {
            config = ConfigLoader.load(Path.of(args[0]));
        } catch (ConfigException e) {
            e.errors().forEach(err -> System.err.println("config: " + err));
            System.exit(2);
            return;
        }
        int perRun = Integer.parseInt(args[1]);
        SyntheticSeries population = new SyntheticSeries(Integer.parseInt(args[2]));
        Duration interval = Duration.ofSeconds(Long.parseLong(args[3]));
        AgentLogging.configure(config.logLevel(), System.err);
        AgentDaemon daemon = AgentDaemon.builder(config)
                .component(AdminComponent::new)
                .component(context -> new SeriesLoad(context.store(), population, perRun, interval))
                .build();
        try {
            daemon.start();
        } catch (LifecycleException e) {
            System.err.println("cannot start: " + e.getMessage());
            System.exit(1);
        }
        Runtime.getRuntime().addShutdownHook(LeakwatchThreads.newThread("shutdown", daemon::stop));
        System.err.println("synthetic load running: " + perRun + " series per run, pool " + population.pool()
                + ", every " + interval.toSeconds() + " s");
        daemon.awaitStop();
    }
}
