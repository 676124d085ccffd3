package dev.leakwatch.jvm.attach;

import com.sun.management.GcInfo;
import dev.leakwatch.core.heap.ClassHistogram;
import dev.leakwatch.core.heap.ClassHistogramParser;
import dev.leakwatch.core.metaspace.ClassLoaderStats;
import dev.leakwatch.core.metaspace.ClassLoaderStatsParser;
import java.io.IOException;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.management.JMException;
import javax.management.ListenerNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnectionNotification;
import javax.management.remote.JMXConnector;

/**
 * A JMX connection to a local HotSpot JVM, made through the Attach API, with what a leak diagnosis
 * reads from it.
 *
 * <p>Cost to the target of each call (the caller rate-limits the expensive ones):
 * <ul>
 *   <li>{@link #open}: an attach (a signal and a socket), then the JVM's local management agent is
 *       started if it was not (a loopback-only JMX connector that stays up, as after jconsole); no GC.</li>
 *   <li>{@link #readMemory}, {@link #limits}, {@link #info}, {@link #drainGcEvents}: MXBean reads; no GC,
 *       no safepoint.</li>
 *   <li>{@link #classHistogram}: <b>forces a full GC</b> (stop-the-world, heap-size dependent).</li>
 *   <li>{@link #classLoaderStats}: no GC; a short safepoint walking the class loaders.</li>
 *   <li>{@link #diagnosticCommand}: whatever that command costs ({@code GC.class_histogram} and
 *       {@code GC.run} force a full GC; {@code Thread.print} takes a safepoint; {@code JFR.dump} with
 *       {@code path-to-gc-roots=true} pauses for the root search).</li>
 * </ul>
 *
 * <p>Not thread-safe for close: use from one owner; reads may run concurrently. Calls on the MXBean
 * proxies it hands out ({@link #threadMXBean()}) throw {@link UndeclaredThrowableException} wrapping an
 * {@link IOException} when the connection breaks. The RMI client threads the JDK starts for the
 * connection are not ours to name; they end when the connection closes.
 */
public final class JvmConnection implements AutoCloseable {

    /** Attaching normally takes well under a second; the JDK itself waits 10 s for the attach listener. */
    public static final Duration DEFAULT_OPEN_TIMEOUT = Duration.ofSeconds(20);

    private final long pid;
    private final JMXConnector connector;
    private final MBeanServerConnection server;
    private final DiagnosticCommands commands;
    private final PlatformBeans beans;
    private final JvmInfo info;
    private final GcEventQueue gcEvents;
    private final List<ObjectName> gcBeans;
    private final NotificationListener connectionListener;
    private final Set<AutoCloseable> dependents = Collections.synchronizedSet(new LinkedHashSet<>());
    private volatile boolean broken;
    private volatile boolean closed;
    private boolean listening;
    private final Map<ObjectName, Long> lastGcIds = new HashMap<>();

    private JvmConnection(long pid, JMXConnector connector) throws IOException {
        this.pid = pid;
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
        this.commands = DiagnosticCommands.of(server);
        this.beans = new PlatformBeans(server);
        this.info = beans.info(pid);
        List<String> heapPools = beans.heapPoolNames();
        this.gcEvents = new GcEventQueue(info.startTimeMillis(), Set.copyOf(heapPools), GcEventQueue.oldPoolOf(heapPools));
        this.connectionListener = this::onConnectionNotification;
        connector.addConnectionNotificationListener(connectionListener, null, null);
        this.gcBeans = new ArrayList<>(server.queryNames(objectName("java.lang:type=GarbageCollector,*"), null));
    }

    /**
     * Starts listening to GC notifications, once. Not done at open: the target's JMX connector keeps
     * the notifications for remote listeners in a buffer (up to 1000 by default), which is heap the
     * target would not otherwise hold, and which class histograms would then show growing.
     */
    private synchronized void listenToGcNotifications() throws IOException {
        if (listening) {
            return;
        }
        try {
            for (ObjectName gcBean : gcBeans) {
                server.addNotificationListener(gcBean, gcEvents, null, null);
            }
            listening = true;
        } catch (JMException e) {
            throw new IOException("cannot listen to GC notifications of JVM " + pid + ": " + e.getMessage(), e);
        }
    }

    /** Attaches to the JVM with that pid, within {@link #DEFAULT_OPEN_TIMEOUT}. */
    public static JvmConnection open(long pid) throws AttachRefusedException {
        return open(pid, DEFAULT_OPEN_TIMEOUT);
    }

    /**
     * Attaches to the JVM with that pid, after checking that doing so is safe (see {@link HotSpotCheck}
     * and {@link AttachRefusedException.Reason}).
     *
     * @throws AttachRefusedException saying why the JVM cannot or must not be attached to
     */
    public static JvmConnection open(long pid, Duration timeout) throws AttachRefusedException {
        return Attacher.open(pid, timeout, connector -> new JvmConnection(pid, connector));
    }

    public long pid() {
        return pid;
    }

    /** Version, VM and input arguments, read when the connection opened. No cost. */
    public JvmInfo info() {
        return info;
    }

    /** Whether the connection is open and has not reported a failure. */
    public boolean isConnected() {
        return !closed && !broken;
    }

    /**
     * Runs a diagnostic command as jcmd would ({@code "GC.class_histogram"}, {@code "Thread.print -l"},
     * {@code "VM.classloader_stats"}, {@code "JFR.start name=x ..."}) and returns its output.
     * Costs what the command costs: see the class comment.
     *
     * @throws IOException if the connection fails, the JVM has no such command, or the command fails
     */
    public String diagnosticCommand(String commandLine) throws IOException {
        checkOpen();
        return commands.run(commandLine);
    }

    /**
     * A class histogram of the live objects. <b>Forces a full GC in the target</b>.
     *
     * @throws IllegalArgumentException if the JVM's output is not a histogram (see {@link ClassHistogramParser})
     */
    public ClassHistogram classHistogram() throws IOException {
        return ClassHistogramParser.parse(diagnosticCommand("GC.class_histogram"));
    }

    /**
     * Metaspace use per class loader. No GC; a short safepoint.
     *
     * @throws IllegalArgumentException if the JVM's output is not loader statistics
     */
    public ClassLoaderStats classLoaderStats() throws IOException {
        return ClassLoaderStatsParser.parse(diagnosticCommand("VM.classloader_stats"));
    }

    /** The limits set by the JVM's flags. No GC. */
    public JvmLimits limits() throws IOException {
        return remote("reading VM flags", beans::limits);
    }

    /** One reading of heap, pools, metaspace, classes, buffer pools and threads. No GC, no safepoint. */
    public MemoryReadings readMemory() throws IOException {
        return remote("reading memory", beans::readMemory);
    }

    /**
     * The GC events received since the last drain, oldest first. At most {@value GcEventQueue#CAPACITY}
     * are kept; older ones are dropped and counted in {@link #droppedGcEvents()}. No cost to the target
     * (it sends them anyway once someone listens).
     */
    public List<GcEvent> drainGcEvents() throws IOException {
        listenToGcNotifications();
        return gcEvents.drain();
    }

    /**
     * The collections that ended since the last poll, one per collector at most (its last), read
     * from each collector's {@code LastGcInfo}: after-GC heap readings without a listener, so the
     * target buffers nothing for us. A collector that ran several times between polls reports only
     * its latest run. No cost to the target beyond the attribute reads.
     */
    public List<GcEvent> pollLastGcs() throws IOException {
        List<GcEvent> events = new ArrayList<>();
        for (ObjectName gcBean : gcBeans) {
            Object value = remote("reading LastGcInfo", () -> server.getAttribute(gcBean, "LastGcInfo"));
            if (!(value instanceof CompositeData data)) {
                continue;
            }
            GcInfo gc = GcInfo.from(data);
            Long seen = lastGcIds.put(gcBean, gc.getId());
            if (seen == null || seen != gc.getId()) {
                events.add(gcEvents.toEvent(gcBean.getKeyProperty("name"), gc));
            }
        }
        events.sort(Comparator.comparingLong(GcEvent::endTimeMillis));
        return events;
    }

    /** GC events dropped because nobody drained them in time, plus notices of notifications lost in transit. */
    public long droppedGcEvents() {
        return gcEvents.dropped() + gcEvents.lostNotices();
    }

    /** The target's thread MXBean, for thread infos and dumps ({@code dumpAllThreads} takes a safepoint). */
    public ThreadMXBean threadMXBean() {
        return beans.threads();
    }

    /** The raw MBean server connection, for MBeans not covered here. */
    public MBeanServerConnection mbeanServer() {
        return server;
    }

    /**
     * Where this process finds a file that the target names by an absolute path: through
     * {@code /proc/<pid>/root} (the target's own mount namespace, e.g. inside a container, or with a
     * private {@code /tmp}) when that is readable, else the same path.
     */
    public Path hostPath(String targetAbsolutePath) {
        if (!targetAbsolutePath.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + targetAbsolutePath);
        }
        Path root = Path.of("/proc", Long.toString(pid), "root");
        return Files.isDirectory(root) ? root.resolve(targetAbsolutePath.substring(1)) : Path.of(targetAbsolutePath);
    }

    /**
     * Registers something that must be closed while the connection still works (a JFR recording that
     * must be stopped in the target), before this connection closes. Unregister it when closed earlier.
     */
    public void registerDependent(AutoCloseable dependent) {
        dependents.add(dependent);
    }

    public void unregisterDependent(AutoCloseable dependent) {
        dependents.remove(dependent);
    }

    /**
     * Closes dependents (newest first), stops listening to GC notifications and closes the JMX
     * connection. The target's management agent stays up. Idempotent; never throws.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        List<AutoCloseable> toClose;
        synchronized (dependents) {
            toClose = new ArrayList<>(dependents);
            dependents.clear();
        }
        Collections.reverse(toClose);
        for (AutoCloseable dependent : toClose) {
            try {
                dependent.close();
            } catch (Exception e) {
                // each dependent reports its own failures; the rest must still be closed
            }
        }
        closed = true;
        if (!broken && listening) {
            for (ObjectName gcBean : gcBeans) {
                try {
                    server.removeNotificationListener(gcBean, gcEvents);
                } catch (IOException | JMException e) {
                    break; // the connection is going away anyway
                }
            }
        }
        try {
            connector.removeConnectionNotificationListener(connectionListener);
        } catch (ListenerNotFoundException e) {
            // never added: nothing to remove
        }
        Attacher.closeQuietly(connector);
    }

    private void onConnectionNotification(Notification notification, Object handback) {
        String type = notification.getType();
        if (JMXConnectionNotification.FAILED.equals(type) || JMXConnectionNotification.CLOSED.equals(type)) {
            broken = true;
        } else if (JMXConnectionNotification.NOTIFS_LOST.equals(type)) {
            gcEvents.handleNotification(notification, handback);
        }
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("connection to JVM " + pid + " is closed");
        }
    }

    /** Runs MXBean proxy calls, turning the proxies' unchecked wrappers of connection failures back into IOException. */
    private <T> T remote(String what, Callable<T> call) throws IOException {
        checkOpen();
        try {
            return call.call();
        } catch (IOException e) {
            throw e;
        } catch (UndeclaredThrowableException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException(what + " of JVM " + pid + " failed: " + cause.getMessage(), cause);
        } catch (Exception e) {
            throw new IOException(what + " of JVM " + pid + " failed: " + e.getMessage(), e);
        }
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
