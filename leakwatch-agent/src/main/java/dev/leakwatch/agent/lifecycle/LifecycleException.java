package dev.leakwatch.agent.lifecycle;

/** A component failed to start; the components started before it have been stopped again. */
public final class LifecycleException extends Exception {
    private final String component;

    public LifecycleException(String component, Throwable cause) {
        super("cannot start " + component + ": " + describe(cause), cause);
        this.component = component;
    }

    /** The component that failed. */
    public String component() {
        return component;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
