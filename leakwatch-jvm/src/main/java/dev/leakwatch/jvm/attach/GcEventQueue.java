package dev.leakwatch.jvm.attach;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.MemoryUsage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnectionNotification;

/**
 * Receives the target's GC notifications (on the JMX client's notification thread) and keeps them,
 * bounded, until drained. When the bound is reached the oldest events are dropped and counted; when
 * the JMX server reports it lost notifications, that is counted too.
 */
final class GcEventQueue implements NotificationListener {

    /** A diagnosis drains every few seconds; a busy JVM collects young a few times a second. */
    static final int CAPACITY = 4096;

    private final long jvmStartMillis;
    private final Set<String> heapPools;
    private final String oldPool;
    private final ArrayDeque<GcEvent> events = new ArrayDeque<>();
    private long dropped;
    private long lost;

    /**
     * @param jvmStartMillis epoch milliseconds of the target's start: GC times are relative to it
     * @param heapPools      names of the heap pools, summed into heap-used-after
     * @param oldPool        name of the old-generation pool (or single heap pool), null if none
     */
    GcEventQueue(long jvmStartMillis, Set<String> heapPools, String oldPool) {
        this.jvmStartMillis = jvmStartMillis;
        this.heapPools = Set.copyOf(heapPools);
        this.oldPool = oldPool;
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (JMXConnectionNotification.NOTIFS_LOST.equals(notification.getType())) {
            synchronized (this) {
                lost++;
            }
            return;
        }
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())
                || !(notification.getUserData() instanceof CompositeData data)) {
            return;
        }
        add(toEvent(GarbageCollectionNotificationInfo.from(data)));
    }

    GcEvent toEvent(GarbageCollectionNotificationInfo info) {
        return toEvent(info.getGcName(), info.getGcAction(), info.getGcCause(), info.getGcInfo());
    }

    /** From a collector's {@code LastGcInfo}, which says neither the action nor the cause. */
    GcEvent toEvent(String gcName, GcInfo gc) {
        return toEvent(gcName, "unknown", "unknown", gc);
    }

    private GcEvent toEvent(String gcName, String gcAction, String gcCause, GcInfo gc) {
        Map<String, MemoryUsage> after = gc.getMemoryUsageAfterGc();
        long heapAfter = 0;
        for (Map.Entry<String, MemoryUsage> pool : after.entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                heapAfter += pool.getValue().getUsed();
            }
        }
        MemoryUsage old = oldPool == null ? null : after.get(oldPool);
        return new GcEvent(jvmStartMillis + gc.getEndTime(), gcName, gcAction, gcCause,
                gc.getDuration(), heapAfter, old == null ? -1 : old.getUsed(),
                GcEvent.isOldOrFull(gcName, gcAction));
    }

    synchronized void add(GcEvent event) {
        if (events.size() == CAPACITY) {
            events.removeFirst();
            dropped++;
        }
        events.addLast(event);
    }

    synchronized List<GcEvent> drain() {
        List<GcEvent> drained = new ArrayList<>(events);
        events.clear();
        return drained;
    }

    /** Events dropped because nobody drained them in time. */
    synchronized long dropped() {
        return dropped;
    }

    /** Times the JMX connection reported that notifications were lost on the way. */
    synchronized long lostNotices() {
        return lost;
    }

    /**
     * The old-generation pool among the heap pools: the one named old/tenured, or the only heap pool
     * of a collector without generations (ZGC before JDK 21 generational mode, Shenandoah).
     */
    static String oldPoolOf(List<String> heapPoolNames) {
        for (String name : heapPoolNames) {
            if (name.contains("Old") || name.contains("Tenured")) {
                return name;
            }
        }
        return heapPoolNames.size() == 1 ? heapPoolNames.get(0) : null;
    }
}
