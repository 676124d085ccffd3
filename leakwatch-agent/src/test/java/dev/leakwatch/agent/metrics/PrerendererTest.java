package dev.leakwatch.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;
import dev.leakwatch.agent.store.SeriesStore;
import dev.leakwatch.agent.store.StoreLimits;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrerendererTest {
    private static final MetricDescriptor LARGE = MetricDescriptor.gauge("large_family", "Many series.");
    private static final RenderCache.Format TEXT =
            new RenderCache.Format(PrometheusTextFormatWriter.create(), EscapingScheme.UNDERSCORE_ESCAPING);

    private final SeriesStore store = new SeriesStore(new StoreLimits(10_000, 10_000, Duration.ofHours(1), 2, 0, Set.of()));
    private final StoreCollector collector = new StoreCollector(store);
    private final AtomicBoolean writeDuringNextRendering = new AtomicBoolean();
    private final RenderCache cache = new RenderCache();
    /** The store's families; once asked, a write lands right after the rendering has read them. */
    private final FamilyStream source = new FamilyStream() {
        @Override
        public void forEachFamily(Consumer<MetricSnapshot> sink) {
            forEachFamily(FamilySink.building(sink));
        }

        @Override
        public void forEachFamily(FamilySink sink) {
            collector.forEachFamily(sink);
            if (writeDuringNextRendering.getAndSet(false)) {
                write(99);
            }
        }
    };
    private final Prerenderer prerenderer = new Prerenderer(source, cache);

    @AfterEach
    void stop() throws InterruptedException {
        prerenderer.stop();
    }

    @Test
    void writesAfterARenderingAreRenderedBeforeTheScrape() {
        write(1);
        prerenderer.start();
        long now = System.nanoTime();
        prerenderer.scraped(TEXT, now - TimeUnit.SECONDS.toNanos(30), true);
        prerenderer.run(); // fills the cache
        prerenderer.scraped(TEXT, now, true); // the next scrape is due in 30 s
        writeDuringNextRendering.set(true);

        prerenderer.run();

        // the first rendering, then the one that caught up with the write
        await().atMost(Duration.ofSeconds(5)).until(() -> prerenderer.runs() >= 2);
        boolean[] current = {true};
        collector.forEachFamily(new FamilySink() {
            @Override
            public void accept(MetricSnapshot family) {
                // not kept
            }

            @Override
            public void reusable(ReusableFamily family) {
                current[0] &= cache.isCurrent(TEXT, family);
            }
        });
        assertThat(current[0]).as("the repeated rendering caught the write").isTrue();
    }

    private void write(int round) {
        for (int i = 0; i < 100; i++) {
            store.set(LARGE, Labels.of("pid", Integer.toString(i)), i + round, 1_000);
        }
    }
}
