package dev.leakwatch.jvm.profile;

import java.util.Optional;
import javax.management.MBeanServerConnection;

/**
 * A JVM to profile: this one ({@link #self()}) or another local one. Everything a
 * {@link Profiler} needs goes through the target's MBean server connection and its JFR
 * recorder, so the same code serves both.
 */
public interface ProfileTarget extends AutoCloseable {
    /** The process id. */
    long pid();

    /** A short name for the program, e.g. its main class; pprof shows it as the profiled file. */
    String name();

    /** The target's platform MBeans. */
    MBeanServerConnection mbeans();

    /** A JFR recorder, or empty when the target has no usable JFR. */
    Optional<JfrRecorder> jfr();

    /** Releases the connection (nothing for {@link #self()}). */
    @Override
    void close();

    /** This JVM, through its platform MBean server and in-process JFR. */
    static ProfileTarget self() {
        return SelfTarget.instance();
    }
}
