package dev.leakwatch.jvm.profile;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import javax.management.MBeanServerConnection;

/**
 * This JVM. Created on first use: the platform MBean server and JFR are only touched when a
 * profile is asked for, so an idle listener costs nothing more.
 */
final class SelfTarget implements ProfileTarget {
    private final long pid = ProcessHandle.current().pid();
    private final Optional<JfrRecorder> jfr = JfrSupport.inProcessRecorder();

    private SelfTarget() {}

    static SelfTarget instance() {
        return Holder.INSTANCE;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public String name() {
        return ProgramName.fromJavaCommand(System.getProperty("sun.java.command"));
    }

    @Override
    public MBeanServerConnection mbeans() {
        return ManagementFactory.getPlatformMBeanServer();
    }

    @Override
    public Optional<JfrRecorder> jfr() {
        return jfr;
    }

    @Override
    public void close() {
        // The JVM itself stays open.
    }

    private static final class Holder {
        static final SelfTarget INSTANCE = new SelfTarget();
    }
}
