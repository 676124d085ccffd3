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

    /**
     * The local JVM with that pid: this one if it is ours, otherwise an attach (checked first:
     * only HotSpot JVMs of the same user that handle the attach signal are attached to).
     *
     * @throws TargetUnreachableException if there is no such JVM or it must not be attached to
     */
    static ProfileTarget of(long pid) throws TargetUnreachableException {
        return pid == ProcessHandle.current().pid() ? self() : AttachedTarget.attach(pid);
    }
}
