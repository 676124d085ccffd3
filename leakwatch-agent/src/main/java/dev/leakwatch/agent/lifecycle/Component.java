package dev.leakwatch.agent.lifecycle;

/**
 * Something the agent starts and stops: a listener, a scheduler, the store, a collector group.
 * Every long-lived part of the agent is one, and only {@link Lifecycle} calls these methods.
 */
public interface Component {

    /** A short name for logs, e.g. {@code metrics-server}. Unique within a lifecycle. */
    String name();

    /** Acquires resources and starts threads. A failure aborts the agent's start. */
    void start() throws Exception;

    /**
     * Releases everything {@link #start} acquired. Called once, in reverse start order. Should
     * return promptly; when interrupted (the stop deadline passed), give up waiting and return.
     */
    void stop() throws Exception;
}
