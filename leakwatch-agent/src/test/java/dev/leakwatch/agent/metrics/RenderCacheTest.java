package dev.leakwatch.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.leakwatch.agent.config.ListenAddress;
import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;
import dev.leakwatch.agent.store.ReadStamp;
import dev.leakwatch.agent.store.SeriesStore;
import dev.leakwatch.agent.store.StoreLimits;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scrape served partly from kept renderings must be exactly what a scrape rendering everything
 * gives, in every format and encoding, after writes, new series and expiry alike.
 */
class RenderCacheTest {
    private static final String OPENMETRICS = "application/openmetrics-text;version=1.0.0";
    private static final Duration TTL = Duration.ofMinutes(5);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final SeriesStore store = new SeriesStore(
            new StoreLimits(10_000, 10_000, TTL, 2, 0, Set.of()), nanos::get);
    private final HttpClient http = HttpClient.newHttpClient();
    private MetricsServer cached;
    private MetricsServer uncached;

    @BeforeEach
    void start() throws IOException {
        for (int m = 0; m < 4; m++) {
            writeFamily(m, 0);
        }
        store.set(MetricDescriptor.gauge("small_family", "Few series."), Labels.of("k", "v"), 1, 1_000);
        MetricsRegistry registry = new MetricsRegistry();
        registry.addDynamic(new StoreCollector(store));
        cached = new MetricsServer(new ListenAddress("127.0.0.1", 0), registry, () -> true, false);
        cached.start();
        // The same registry, through a handler that keeps nothing.
        uncached = new MetricsServer(new ListenAddress("127.0.0.1", 0), registry, () -> true, false);
        uncached.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        cached.stop();
        uncached.stop();
    }

    @Test
    void aScrapeAfterARenderingAheadReusesEveryLargeFamilyAndIsUnchanged() throws Exception {
        for (String type : List.of("text/plain", OPENMETRICS)) {
            String[] gzip = {type, "gzip"};
            String[] plain = {type, "identity"};
            String live = scrape(cached, gzip);
            cached.prerenderer().run();
            long rendered = cached.renderCache().rendered();
            String kept = scrape(cached, gzip);
            String keptPlain = scrape(cached, plain);

            assertThat(kept).isEqualTo(live).isEqualTo(scrapeUncached(gzip));
            assertThat(keptPlain).isEqualTo(live).isEqualTo(scrapeUncached(plain));
            assertThat(cached.renderCache().rendered()).as("nothing rendered again").isEqualTo(rendered);
        }
        // Per format: 4 rendered live by the first scrape, 4 kept ahead, reused by 2 scrapes.
        assertThat(cached.renderCache().rendered()).isEqualTo(2L * (4 + 4));
        assertThat(cached.renderCache().reused()).isEqualTo(2L * 4 * 2);
        assertThat(cached.renderCache().bytes()).isPositive();
    }

    @Test
    void aScrapeWritesWhatIsNotKeptWithoutKeepingIt() throws Exception {
        String[] gzip = {"text/plain", "gzip"};
        String first = scrape(cached, gzip);

        assertThat(first).isEqualTo(scrapeUncached(gzip));
        assertThat(cached.renderCache().rendered()).isEqualTo(4);
        assertThat(cached.renderCache().bytes()).isZero();
    }

    @Test
    void aWrittenFamilyIsRenderedAgainAndTheOthersAreNot() throws Exception {
        String[] text = {"text/plain", "gzip"};
        scrape(cached, text);
        cached.prerenderer().run();
        long rendered = cached.renderCache().rendered();
        long reused = cached.renderCache().reused();
        store.set(MetricDescriptor.gauge("large_2", "Metric 2."), Labels.of("pid", "17", "process", "p8"), 12345.5, 2_000);

        String after = scrape(cached, text);

        assertThat(after).contains("large_2{pid=\"17\",process=\"p8\"} 12345.5").isEqualTo(scrapeUncached(text));
        assertThat(cached.renderCache().rendered()).isEqualTo(rendered + 1);
        // 3, or 4 if a rendering ahead planned by the scrapes' own timing caught the write first.
        assertThat(cached.renderCache().reused()).isBetween(reused + 3, reused + 4);
    }

    @Test
    void newAndExpiredSeriesShowAtOnce() throws Exception {
        String[] om = {OPENMETRICS, "identity"};
        String[] omGzip = {OPENMETRICS, "gzip"};
        scrape(cached, omGzip);
        cached.prerenderer().run(); // keeps the families
        nanos.addAndGet(TTL.toNanos() / 2);
        writeFamily(1, 7); // large_1 rewritten half a TTL later, with one more series
        store.set(MetricDescriptor.gauge("large_1", "Metric 1."), Labels.of("pid", "new", "process", "p0"), 1, 3_000);
        scrape(cached, omGzip);
        cached.prerenderer().run();
        nanos.addAndGet(TTL.toNanos() / 2 + 1); // the other large families are now stale

        assertThat(scrape(cached, omGzip)).isEqualTo(scrapeUncached(omGzip));
        String after = scrape(cached, om);

        assertThat(after).isEqualTo(scrapeUncached(om)).contains("large_1{pid=\"new\"").doesNotContain("large_0{")
                .doesNotContain("large_3{").endsWith("# EOF\n");
    }

    @Test
    void renderingAheadLeavesTheScrapeNothingToRender() throws Exception {
        String[] text = {"text/plain", "gzip"};
        scrape(cached, text);
        for (int m = 0; m < 4; m++) {
            writeFamily(m, 2);
        }
        cached.prerenderer().run();
        long rendered = cached.renderCache().rendered();

        String after = scrape(cached, text);

        assertThat(cached.renderCache().rendered()).isEqualTo(rendered);
        assertThat(after).isEqualTo(scrapeUncached(text));
    }

    @Test
    void scrapesAtASteadyIntervalGetRenderedAhead() throws Exception {
        String[] text = {"text/plain", "gzip"};
        long before = cached.prerenderer().runs();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            scrape(cached, text);
            writeFamily(0, 10 + i); // something to render ahead of the next scrape
            await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - start >= 300_000_000L);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> cached.prerenderer().runs() > before);
    }

    @Test
    void theRenderingThreadHelpsAScrapeThatFindsFamiliesChanged() throws Exception {
        MetricsRegistry registry = new MetricsRegistry();
        registry.addDynamic(new StoreCollector(store));
        // While set, the scrape reads its first large family only once the other thread has read one.
        AtomicReference<CountDownLatch> helperRead = new AtomicReference<>();
        MetricsServer assisted = new MetricsServer(new ListenAddress("127.0.0.1", 0),
                new WaitingForTheHelper(registry, helperRead), () -> true);
        assisted.start();
        try {
            for (String[] request : requests()) {
                scrape(assisted, request); // a scrape that met large families: the next is helped
                for (int m = 0; m < 4; m++) {
                    writeFamily(m, 3 + request[1].length());
                }
                long helpedBefore = assisted.prerenderer().assistedFamilies();
                long aheadBefore = assisted.prerenderer().runs();
                helperRead.set(new CountDownLatch(1));

                String after = scrape(assisted, request);

                helperRead.set(null);
                assertThat(after).isEqualTo(scrapeUncached(request));
                long helped = assisted.prerenderer().assistedFamilies() - helpedBefore;
                assertThat(helped).as("families the other thread rendered for the scrape").isBetween(0L, 4L);
                // Unless a rendering ahead, planned from the scrapes' timing, got there first.
                assertThat(helped + (assisted.prerenderer().runs() - aheadBefore)).isPositive();
            }
        } finally {
            assisted.stop();
        }
    }

    /** The registry's families; the scrape's first large one waits for the helping thread's first read. */
    private record WaitingForTheHelper(MetricsRegistry registry, AtomicReference<CountDownLatch> helperRead)
            implements FamilyStream {
        @Override
        public void forEachFamily(Consumer<MetricSnapshot> sink) {
            registry.forEachFamily(sink);
        }

        @Override
        public void forEachFamily(FamilySink sink) {
            CountDownLatch latch = helperRead.get();
            boolean[] first = {latch != null};
            registry.forEachFamily(new FamilySink() {
                @Override
                public void accept(MetricSnapshot family) {
                    sink.accept(family);
                }

                @Override
                public void reusable(ReusableFamily family) {
                    if (first[0] && family.size() >= RenderCache.MIN_POINTS) {
                        first[0] = false;
                        try {
                            latch.await(5, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    sink.reusable(family);
                }
            });
        }

        @Override
        public void forEachReusable(FamilySink sink) {
            registry.forEachReusable(new FamilySink() {
                @Override
                public void accept(MetricSnapshot family) {
                    sink.accept(family);
                }

                @Override
                public void reusable(ReusableFamily family) {
                    sink.reusable(new ReusableFamily() {
                        @Override
                        public String prometheusName() {
                            return family.prometheusName();
                        }

                        @Override
                        public int size() {
                            return family.size();
                        }

                        @Override
                        public boolean unchangedSince(ReadStamp stamp) {
                            return family.unchangedSince(stamp);
                        }

                        @Override
                        public Read read() {
                            Read read = family.read();
                            CountDownLatch latch = helperRead.get();
                            if (latch != null) {
                                latch.countDown();
                            }
                            return read;
                        }
                    });
                }
            });
        }
    }

    private void writeFamily(int m, int round) {
        MetricDescriptor d = MetricDescriptor.gauge("large_" + m, "Metric " + m + ".");
        for (int i = 0; i < 200; i++) {
            store.set(d, Labels.of("pid", Integer.toString(i), "process", "p" + (i % 9)), i * 0.25 + m + round, 1_000);
        }
    }

    private static List<String[]> requests() {
        return List.of(new String[] {"text/plain", "identity"}, new String[] {"text/plain", "gzip"},
                new String[] {OPENMETRICS, "identity"}, new String[] {OPENMETRICS, "gzip"});
    }

    private String scrapeUncached(String[] request) throws Exception {
        // Renders everything: the kept renderings are those of the other server.
        uncached.renderCache().clear();
        return scrape(uncached, request);
    }

    private String scrape(MetricsServer server, String[] request) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.boundAddress().port() + "/metrics"))
                .header("Accept", request[0]).header("Accept-Encoding", request[1]).build();
        HttpResponse<byte[]> response = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        byte[] body = response.body();
        if (request[1].equals("gzip")) {
            assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
