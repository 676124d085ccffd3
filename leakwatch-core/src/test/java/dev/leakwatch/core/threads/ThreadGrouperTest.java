package dev.leakwatch.core.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class ThreadGrouperTest {

    @Test
    void namePatternsReplaceDigitRuns() {
        assertThat(ThreadGrouper.namePattern("pool-12-thread-3")).isEqualTo("pool-*-thread-*");
        assertThat(ThreadGrouper.namePattern("ForkJoinPool-1-worker-1")).isEqualTo("ForkJoinPool-*-worker-*");
        assertThat(ThreadGrouper.namePattern("main")).isEqualTo("main");
        assertThat(ThreadGrouper.namePattern("")).isEqualTo("<unnamed>");
    }

    @Test
    void keyFramesAreTopFramesThePlatformCallAndTheFirstApplicationFrames() {
        ThreadSnapshot fetcher = ThreadDumpParser.parse(Dumps.read(Dumps.JDK25_JCMD)).stream()
                .filter(t -> t.name().equals("fetch-10")).findFirst().orElseThrow();

        assertThat(ThreadGrouper.keyFrames(fetcher.frames())).containsExactly(
                "jdk.internal.misc.Unsafe.park(Native Method)",
                "java.util.concurrent.locks.LockSupport.park(LockSupport.java:369)",
                "java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)",
                "com.example.DumpTarget$Fetcher.run(DumpTarget.java:18)");
    }

    @Test
    void keyFramesOfShortAndPlatformOnlyStacks() {
        assertThat(ThreadGrouper.keyFrames(List.of())).isEmpty();
        assertThat(ThreadGrouper.keyFrames(List.of("com.a.B.c(B.java:1)"))).containsExactly("com.a.B.c(B.java:1)");
        assertThat(ThreadGrouper.keyFrames(List.of("java.a.B.c(B.java:1)", "java.a.B.d(B.java:2)", "jdk.E.f(E.java:3)")))
                .containsExactly("java.a.B.c(B.java:1)", "java.a.B.d(B.java:2)");
        assertThat(ThreadGrouper.keyFrames(List.of("com.a.B.c(B.java:1)", "com.a.B.d(B.java:2)", "com.a.B.e(B.java:3)")))
                .as("top frames that are application frames count once")
                .containsExactly("com.a.B.c(B.java:1)", "com.a.B.d(B.java:2)");
    }

    @Test
    void fetchersOfARecordedDumpFormOneGroup() {
        Map<ThreadStackGroup, Integer> groups = ThreadGrouper.group(ThreadDumpParser.parse(Dumps.read(Dumps.JDK17_JCMD)));

        ThreadStackGroup fetchers = groups.keySet().stream()
                .filter(g -> g.namePattern().equals("fetch-*")).findFirst().orElseThrow();
        assertThat(groups).containsEntry(fetchers, 5);
        assertThat(fetchers.state()).isEqualTo("WAITING");
        assertThat(fetchers.frames()).contains("com.example.DumpTarget$Fetcher.run(DumpTarget.java:18)");
    }

    @Test
    void taskNamesGroupByPatternAlone() {
        Map<ThreadStackGroup, Integer> groups = ThreadGrouper.group(List.of(
                ThreadSnapshot.named("worker-1"), ThreadSnapshot.named("worker-2"), ThreadSnapshot.named("nginx")));

        assertThat(groups).containsOnly(
                Map.entry(new ThreadStackGroup("worker-*", null, List.of()), 2),
                Map.entry(new ThreadStackGroup("nginx", null, List.of()), 1));
    }

    /**
     * The same parked thread seen through ThreadMXBean and through the DiagnosticCommand {@code threadPrint} dump
     * of this JVM lands in the same group, so either source can feed one growth analysis.
     */
    @Test
    void threadInfoAndDumpOfTheSameThreadGroupAlike() throws Exception {
        LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Thread parked = new Thread(() -> {
            try {
                queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "leakwatch-test-fetch-41");
        parked.setDaemon(true);
        parked.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> parked.getState() == Thread.State.WAITING);

            ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(parked.getId(), Integer.MAX_VALUE);
            ThreadSnapshot fromMxBean = ThreadSnapshot.of(info);
            String dump = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "threadPrint",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            ThreadSnapshot fromDump = ThreadDumpParser.parse(dump).stream()
                    .filter(t -> t.name().equals(parked.getName())).findFirst().orElseThrow();

            assertThat(fromMxBean.state()).isEqualTo("WAITING");
            assertThat(ThreadGrouper.groupOf(fromMxBean)).isEqualTo(ThreadGrouper.groupOf(fromDump));
            assertThat(ThreadGrouper.groupOf(fromMxBean).namePattern()).isEqualTo("leakwatch-test-fetch-*");
            assertThat(ThreadGrouper.groupOf(fromMxBean).frames())
                    .anyMatch(f -> f.startsWith("java.util.concurrent.LinkedBlockingQueue.take("))
                    .anyMatch(f -> f.startsWith("dev.leakwatch.core.threads.ThreadGrouperTest.lambda$"));
        } finally {
            parked.interrupt();
            parked.join(10_000);
        }
    }

    @Test
    void framesFromStackTraceElementsFollowTheDumpForm() {
        assertThat(ThreadSnapshot.frame(new StackTraceElement("a.B", "c", "B.java", 12))).isEqualTo("a.B.c(B.java:12)");
        assertThat(ThreadSnapshot.frame(new StackTraceElement("a.B", "c", null, 12))).isEqualTo("a.B.c(Unknown Source)");
        assertThat(ThreadSnapshot.frame(new StackTraceElement("a.B", "c", "B.java", -1))).isEqualTo("a.B.c(B.java)");
        assertThat(ThreadSnapshot.frame(new StackTraceElement("a.B", "c", "B.java", -2))).isEqualTo("a.B.c(Native Method)");
    }
}
