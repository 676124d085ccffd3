package dev.leakwatch.core.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.core.fd.TextMutations;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThreadDumpParserTest {

    private static ThreadSnapshot thread(List<ThreadSnapshot> threads, String name) {
        return threads.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({
        "jdk17-jcmd-thread-print.txt, 22",
        "jdk17-jcmd-thread-print-l-e.txt, 22",
        "jdk17-dcmd-threadprint-l.txt, 21",
        "jdk25-jcmd-thread-print.txt, 25",
        "jdk25-jcmd-thread-print-l-e.txt, 25",
        "jdk25-dcmd-threadprint-l.txt, 24"
    })
    void readsEveryJavaThreadAndNoVmInternalOne(String dump, int javaThreads) {
        List<ThreadSnapshot> threads = ThreadDumpParser.parse(Dumps.read(dump));

        assertThat(threads).hasSize(javaThreads);
        assertThat(threads).extracting(ThreadSnapshot::name)
                .contains("main", "Reference Handler", "fetch-3", "fetch-31", "holder \"odd\" name 7")
                .doesNotContain("VM Thread", "GC Thread#0", "G1 Main Marker", "VM Periodic Task Thread");
        assertThat(threads).allSatisfy(t -> assertThat(t.state()).isNotBlank());
    }

    @ParameterizedTest
    @CsvSource({
        "jdk17-jcmd-thread-print.txt, java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)",
        "jdk25-jcmd-thread-print.txt, java.util.concurrent.locks.LockSupport.park(LockSupport.java:369)"
    })
    void threadParkedInLinkedBlockingQueueTake(String dump, String parkFrame) {
        ThreadSnapshot fetcher = thread(ThreadDumpParser.parse(Dumps.read(dump)), "fetch-3");

        assertThat(fetcher.state()).isEqualTo("WAITING");
        assertThat(fetcher.frames().get(0)).isEqualTo("jdk.internal.misc.Unsafe.park(Native Method)");
        assertThat(fetcher.frames().get(1)).isEqualTo(parkFrame);
        assertThat(fetcher.frames()).contains(
                "java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)",
                "com.example.DumpTarget$Fetcher.run(DumpTarget.java:18)");
        assertThat(fetcher.frames()).as("monitor lines are not frames").noneMatch(f -> f.contains("parking to wait"));
    }

    @Test
    void monitorStatesAndQuotedNames() {
        List<ThreadSnapshot> threads = ThreadDumpParser.parse(Dumps.read(Dumps.JDK17_JCMD_LOCKS_EXTENDED));

        ThreadSnapshot holder = thread(threads, "holder \"odd\" name 7");
        assertThat(holder.state()).isEqualTo("WAITING");
        assertThat(holder.frames()).containsExactly(
                "java.lang.Object.wait(Native Method)",
                "java.lang.Object.wait(Object.java:338)",
                "com.example.DumpTarget.lambda$main$0(DumpTarget.java:32)",
                "com.example.DumpTarget$$Lambda$1/0x00007f309c000c30.run(Unknown Source)",
                "java.lang.Thread.run(Thread.java:840)");
        assertThat(thread(threads, "blocked-2").state()).isEqualTo("BLOCKED");
        assertThat(thread(threads, "lock-owner-1").state()).isEqualTo("TIMED_WAITING");
        assertThat(thread(threads, "C2 CompilerThread0").frames()).isEmpty();
    }

    @Test
    void carrierAndMountedVirtualThreadOnJdk25() {
        List<ThreadSnapshot> threads = ThreadDumpParser.parse(Dumps.read(Dumps.JDK25_JCMD));

        ThreadSnapshot carrier = thread(threads, "ForkJoinPool-1-worker-1");
        assertThat(carrier.state()).isEqualTo("RUNNABLE");
        assertThat(carrier.frames()).first().isEqualTo("jdk.internal.vm.Continuation.run(Continuation.java:251)");
        assertThat(carrier.frames()).last().isEqualTo(
                "java.util.concurrent.ForkJoinWorkerThread.run(ForkJoinWorkerThread.java:187)");

        ThreadSnapshot virtual = thread(threads, ThreadDumpParser.VIRTUAL_NAME);
        assertThat(virtual.state()).isEqualTo("RUNNABLE");
        assertThat(virtual.frames()).first().isEqualTo("com.example.VirtualThreads.lambda$start$1(VirtualThreads.java:10)");
        assertThat(virtual.frames()).last().isEqualTo("jdk.internal.vm.Continuation.enter(Continuation.java:316)");
        assertThat(threads.indexOf(virtual)).isEqualTo(threads.indexOf(carrier) + 1);
    }

    @Test
    void extendedAndLockOptionsDoNotChangeWhatIsRead() {
        assertThat(ThreadDumpParser.parse(Dumps.read(Dumps.JDK25_JCMD_LOCKS_EXTENDED)))
                .isEqualTo(ThreadDumpParser.parse(Dumps.read(Dumps.JDK25_JCMD)));
    }

    @Test
    void framesLoseModuleAndLoaderPrefixesOnly() {
        assertThat(ThreadDumpParser.frame("java.lang.Thread.run(java.base@17.0.15/Thread.java:840)"))
                .isEqualTo("java.lang.Thread.run(Thread.java:840)");
        assertThat(ThreadDumpParser.frame("com.foo.Main.run(com.foo.loader/foo@9.0/Main.java:101)"))
                .isEqualTo("com.foo.Main.run(Main.java:101)");
        assertThat(ThreadDumpParser.frame("com.foo.Main$$Lambda/0x0000000801001234.run(Unknown Source)"))
                .isEqualTo("com.foo.Main$$Lambda/0x0000000801001234.run(Unknown Source)");
        assertThat(ThreadDumpParser.frame("broken frame")).isEqualTo("broken frame");
    }

    @Test
    void windowsLineEndingsAreAccepted() {
        String dump = Dumps.read(Dumps.JDK17_JCMD);
        assertThat(ThreadDumpParser.parse(dump.replace("\n", "\r\n"))).isEqualTo(ThreadDumpParser.parse(dump));
    }

    @Test
    void somethingElseIsRejectedWithItsFirstLine() {
        assertThatThrownBy(() -> ThreadDumpParser.parse("java.lang.IllegalArgumentException: Unknown diagnostic command"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a thread dump")
                .hasMessageContaining("Unknown diagnostic command");
        assertThatThrownBy(() -> ThreadDumpParser.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fuzzedDumpsParseOrFailWithIllegalArgument() {
        TextMutations mutations = new TextMutations(17);
        Random pick = new Random(3);
        String[] recorded = java.util.Arrays.stream(Dumps.ALL).map(Dumps::read).toArray(String[]::new);
        for (int i = 0; i < 800; i++) {
            String dump = mutations.mutate(recorded[pick.nextInt(recorded.length)]);
            try {
                for (ThreadSnapshot thread : ThreadDumpParser.parse(dump)) {
                    if (thread.state() != null && !thread.state().matches("\\S+")) {
                        throw new AssertionError("state \"" + thread.state() + "\" of " + thread.name());
                    }
                }
            } catch (IllegalArgumentException documented) {
                assertThat(documented).hasMessageContaining("not a thread dump");
            }
        }
    }
}
