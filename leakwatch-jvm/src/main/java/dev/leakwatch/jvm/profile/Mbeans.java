package dev.leakwatch.jvm.profile;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** Platform MBeans of a target, local or remote, through one connection. */
final class Mbeans {
    static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

    private Mbeans() {}

    static ThreadMXBean threads(MBeanServerConnection c) throws IOException {
        return ManagementFactory.newPlatformMXBeanProxy(c, ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
    }

    static MemoryMXBean memory(MBeanServerConnection c) throws IOException {
        return ManagementFactory.newPlatformMXBeanProxy(c, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
    }

    /** Total collections so far, all collectors together. */
    static long gcCount(MBeanServerConnection c) throws IOException {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getPlatformMXBeans(c, GarbageCollectorMXBean.class)) {
            total += Math.max(0, gc.getCollectionCount());
        }
        return total;
    }

    /**
     * Runs a diagnostic command (the operations of {@code jcmd}, e.g. {@code gcClassHistogram})
     * and returns its text output.
     */
    static String diagnosticCommand(MBeanServerConnection c, String operation, String... args) throws IOException {
        ObjectName name = objectName(DIAGNOSTIC_COMMAND);
        try {
            if (!c.isRegistered(name)) {
                throw new ProfileUnavailableException("the target JVM has no DiagnosticCommand MBean");
            }
            Object result = c.invoke(name, operation, new Object[] {args}, new String[] {String[].class.getName()});
            return result == null ? "" : result.toString();
        } catch (JMException e) {
            throw new IOException("diagnostic command " + operation + " failed: " + e.getMessage(), e);
        }
    }

    static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("malformed MBean name " + name, e);
        }
    }
}
