package dev.leakwatch.agent.daemon;

import dev.leakwatch.agent.config.AgentConfig;

/**
 * A component added through {@link AgentDaemon.Builder#component} that takes a reloaded
 * configuration while it runs (the leak watch). The daemon calls it on every reload that passed
 * validation, also when the component has not started yet, and never concurrently with itself.
 */
public interface Reconfigurable {

    /**
     * Applies the parts of {@code next} this component owns. Returns once they are in force;
     * a runtime exception makes the reload fail (reported, the rest of the configuration stays
     * applied).
     */
    void reconfigure(AgentConfig next);
}
