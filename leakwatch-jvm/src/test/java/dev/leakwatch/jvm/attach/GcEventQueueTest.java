package dev.leakwatch.jvm.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.remote.JMXConnectionNotification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GcEventQueueTest {

    @ParameterizedTest
    @CsvSource({
        "G1 Young Generation, end of minor GC, false",
        "G1 Old Generation, end of major GC, true",
        "G1 Concurrent GC, end of concurrent GC pause, false",
        "PS MarkSweep, end of major GC, true",
        "PS Scavenge, end of minor GC, false",
        "MarkSweepCompact, end of major GC, true",
        "ZGC Major Cycles, end of GC cycle, true",
        "ZGC Minor Cycles, end of GC cycle, false",
        "ZGC Major Pauses, end of GC pause, false",
        "ZGC Cycles, end of GC cycle, true",
        "Shenandoah Cycles, end of GC cycle, true",
        "Shenandoah Pauses, end of GC pause, false",
    })
    void onlyWholeHeapCollectionsGiveFloors(String gcName, String gcAction, boolean oldOrFull) {
        assertThat(GcEvent.isOldOrFull(gcName, gcAction)).isEqualTo(oldOrFull);
    }

    @Test
    void theOldPoolIsTheOldOrTenuredOneOrTheOnlyOne() {
        assertThat(GcEventQueue.oldPoolOf(List.of("G1 Eden Space", "G1 Old Gen", "G1 Survivor Space"))).isEqualTo("G1 Old Gen");
        assertThat(GcEventQueue.oldPoolOf(List.of("Eden Space", "Survivor Space", "Tenured Gen"))).isEqualTo("Tenured Gen");
        assertThat(GcEventQueue.oldPoolOf(List.of("ZGC Young Generation", "ZGC Old Generation"))).isEqualTo("ZGC Old Generation");
        assertThat(GcEventQueue.oldPoolOf(List.of("Shenandoah"))).isEqualTo("Shenandoah");
        assertThat(GcEventQueue.oldPoolOf(List.of("Eden", "Survivor"))).isNull();
    }

    @Test
    void undrainedEventsAreBoundedAndTheDroppedCounted() {
        GcEventQueue queue = new GcEventQueue(0, Set.of(), null);
        for (int i = 0; i < GcEventQueue.CAPACITY + 10; i++) {
            queue.add(new GcEvent(i, "G1 Young Generation", "end of minor GC", "G1 Evacuation Pause", 1, 100, 50, false));
        }

        List<GcEvent> drained = queue.drain();

        assertThat(drained).hasSize(GcEventQueue.CAPACITY);
        assertThat(drained.get(0).endTimeMillis()).isEqualTo(10);
        assertThat(queue.dropped()).isEqualTo(10);
        assertThat(queue.drain()).isEmpty();
    }

    @Test
    void lostNotificationsAreCounted() {
        GcEventQueue queue = new GcEventQueue(0, Set.of(), null);

        queue.handleNotification(new JMXConnectionNotification(
                JMXConnectionNotification.NOTIFS_LOST, this, "id", 1, "lost", 5L), null);

        assertThat(queue.lostNotices()).isEqualTo(1);
        assertThat(queue.drain()).isEmpty();
    }

    /** A real notification of this JVM's own System.gc(), through the same listener a connection uses. */
    @Test
    void aFullGcNotificationBecomesAFloorReading() throws ListenerNotFoundException {
        List<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).toList();
        long start = ManagementFactory.getRuntimeMXBean().getStartTime();
        GcEventQueue queue = new GcEventQueue(start, Set.copyOf(heapPools), GcEventQueue.oldPoolOf(heapPools));
        List<NotificationEmitter> emitters = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            NotificationEmitter emitter = (NotificationEmitter) gc;
            emitter.addNotificationListener(queue, null, null);
            emitters.add(emitter);
        }
        List<GcEvent> events = new ArrayList<>();
        try {
            long before = System.currentTimeMillis();
            System.gc();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                events.addAll(queue.drain());
                return events.stream().anyMatch(e -> e.cause().equals("System.gc()"));
            });
            GcEvent full = events.stream().filter(e -> e.cause().equals("System.gc()")).findFirst().orElseThrow();
            assertThat(full.oldOrFull()).as("%s", full).isTrue();
            assertThat(full.heapUsedAfter()).isPositive();
            assertThat(full.oldGenUsedAfter()).isPositive().isLessThanOrEqualTo(full.heapUsedAfter());
            assertThat(full.endTimeMillis()).isBetween(before - 1_000, System.currentTimeMillis() + 1_000);
        } finally {
            for (NotificationEmitter emitter : emitters) {
                emitter.removeNotificationListener(queue);
            }
        }
    }
}
