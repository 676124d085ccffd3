package dev.leakwatch.agent.cli;

import dev.leakwatch.agent.config.AgentConfig;
import dev.leakwatch.agent.config.ConfigError;
import dev.leakwatch.agent.config.ConfigException;
import dev.leakwatch.agent.config.ConfigLoader;
import dev.leakwatch.agent.daemon.AdminComponent;
import dev.leakwatch.agent.daemon.AgentDaemon;
import dev.leakwatch.agent.daemon.AgentLogging;
import dev.leakwatch.agent.lifecycle.LeakwatchThreads;
import dev.leakwatch.agent.lifecycle.LifecycleException;
import dev.leakwatch.agent.watch.LeakWatch;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code leakwatch agent [--config FILE]}: runs the monitoring daemon until SIGTERM or SIGINT,
 * which stop it in order within {@code shutdown_timeout} (through a shutdown hook). SIGHUP
 * reloads the configuration.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Runs the monitoring agent (metrics on 127.0.0.1:9465 by default).",
            "Without --config: loopback listeners, data under ./leakwatch-data, host + self + all local JVMs.",
            "SIGTERM/SIGINT stop it in order; SIGHUP reloads the configuration."})
final class AgentCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML configuration file")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        AgentConfig cfg;
        try {
            cfg = config == null ? ConfigLoader.defaults() : ConfigLoader.load(config);
        } catch (ConfigException e) {
            for (ConfigError err : e.errors()) {
                spec.commandLine().getErr().println("leakwatch: " + err);
            }
            spec.commandLine().getErr().flush();
            return Main.EXIT_ERROR;
        }
        AgentLogging.configure(cfg.logLevel(), System.err);
        AgentDaemon.Builder builder = AgentDaemon.builder(cfg).handleSignals(true).component(AdminComponent::new)
                .component(context -> new LeakWatch(context, context.findings()));
        if (config != null) {
            builder.configFile(config);
        }
        AgentDaemon daemon = builder.build();
        try {
            daemon.start();
        } catch (LifecycleException e) {
            spec.commandLine().getErr().println("leakwatch: " + e.getMessage().replace('\n', ' '));
            spec.commandLine().getErr().flush();
            return Main.EXIT_ERROR;
        }
        Runtime.getRuntime().addShutdownHook(LeakwatchThreads.newThread("shutdown", () -> {
            try {
                AgentLogging.keepLoggingThroughShutdown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Logger.getLogger(AgentCommand.class.getName()).info("shutdown requested; stopping");
            daemon.stop();
        }));
        daemon.awaitStop();
        return Main.EXIT_OK;
    }
}
