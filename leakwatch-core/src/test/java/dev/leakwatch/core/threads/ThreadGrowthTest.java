package dev.leakwatch.core.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.core.model.Culprit;
import dev.leakwatch.core.model.CulpritKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadGrowthTest {

    /** The recorded dump with only the first {@code fetchers} fetch threads kept: the same JVM earlier on. */
    private static List<ThreadSnapshot> withFetchers(List<ThreadSnapshot> dump, int fetchers) {
        List<ThreadSnapshot> kept = new ArrayList<>();
        int seen = 0;
        for (ThreadSnapshot thread : dump) {
            if (!thread.name().startsWith("fetch-") || seen++ < fetchers) {
                kept.add(thread);
            }
        }
        return kept;
    }

    @Test
    void namesThePiledUpStackFromDumps() {
        List<ThreadSnapshot> dump = ThreadDumpParser.parse(Dumps.read(Dumps.JDK25_JCMD));
        List<ThreadSample> samples = List.of(
                ThreadSample.of(0, withFetchers(dump, 1)),
                ThreadSample.of(30_000, withFetchers(dump, 3)),
                ThreadSample.of(60_000, dump));

        List<Culprit> culprits = ThreadGrowth.culprits(samples);

        assertThat(culprits).hasSize(1);
        Culprit fetchers = culprits.get(0);
        assertThat(fetchers.kind()).isEqualTo(CulpritKind.THREAD_STACK);
        assertThat(fetchers.name()).isEqualTo("fetch-*");
        assertThat(fetchers.count()).isEqualTo(5);
        assertThat(fetchers.growth()).isEqualTo(4);
        assertThat(fetchers.state()).isEqualTo("WAITING");
        assertThat(fetchers.frames()).contains(
                "java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)",
                "com.example.DumpTarget$Fetcher.run(DumpTarget.java:18)");
        assertThat(samples.get(2).total()).isEqualTo(25);
    }

    @Test
    void taskNamesOfANonJvmProcessGiveAPatternOnly() {
        List<ThreadSample> samples = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<ThreadSnapshot> tasks = new ArrayList<>(List.of(ThreadSnapshot.named("nginx")));
            for (int w = 0; w <= i * 2; w++) {
                tasks.add(ThreadSnapshot.named("worker-" + w));
            }
            samples.add(ThreadSample.of(i * 1_000L, tasks));
        }

        assertThat(ThreadGrowth.culprits(samples)).containsExactly(Culprit.ofThreads("worker-*", 5, 4, null, null));
    }

    @Test
    void steadyGrowthRanksAboveAPoolThatBreathes() {
        List<ThreadSample> samples = new ArrayList<>();
        int[] pool = {4, 40, 4, 40, 4, 44};
        for (int i = 0; i < pool.length; i++) {
            List<ThreadSnapshot> threads = new ArrayList<>();
            for (int p = 0; p < pool[i]; p++) {
                threads.add(new ThreadSnapshot("pool-1-thread-" + p, "TIMED_WAITING", List.of("a.Pool.poll(Pool.java:1)")));
            }
            for (int t = 0; t <= i * 3; t++) {
                threads.add(new ThreadSnapshot("timer-" + t, "WAITING", List.of("a.Timer.loop(Timer.java:9)")));
            }
            samples.add(ThreadSample.of(i * 10_000L, threads));
        }

        assertThat(ThreadGrowth.culprits(samples)).extracting(Culprit::name).containsExactly("timer-*", "pool-*-thread-*");
    }

    @Test
    void needsTwoSamples() {
        assertThatThrownBy(() -> ThreadGrowth.culprits(List.of(ThreadSample.of(0, List.of()))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
