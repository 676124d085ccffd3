package dev.leakwatch.agent.daemon;

import dev.leakwatch.agent.config.AgentConfig;

/**
 * A component added through {@link AgentDaemon.Builder#component} that takes a reloaded
 * configuration while it runs (the leak watch). The daemon calls it on every reload that passed
 * validation, also when the component has not started yet, and never concurrently with itself.
 */
public interface Reconfigurable {

    /**
     * Applies the parts of {@code next} this component owns and returns once they are in force.
     * A runtime exception fails the reload (its answer says why); what was applied before it
     * stays, so a component applies all of its part or none.
     */
    void reconfigure(AgentConfig next);
}
