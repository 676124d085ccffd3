package dev.leakwatch.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.leakwatch.agent.config.ListenAddress;
import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;
import dev.leakwatch.agent.store.SeriesStore;
import dev.leakwatch.agent.store.StoreLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
    private final AtomicBoolean ready = new AtomicBoolean();
    private final HttpClient http = HttpClient.newHttpClient();
    private MetricsServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        MetricsRegistry registry = ExpositionTest.sampleRegistry();
        server = new MetricsServer(new ListenAddress("127.0.0.1", 0), registry, ready::get);
        server.start();
        base = "http://127.0.0.1:" + server.boundAddress().port();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.stop();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesPrometheusTextByDefault() throws Exception {
        HttpResponse<byte[]> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain; version=0.0.4");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("# TYPE node_cpu_seconds_total counter")
                .contains("node_load1 0.25");
    }

    @Test
    void servesOpenMetricsWhenAsked() throws Exception {
        HttpResponse<byte[]> r = get("/metrics", "Accept",
                "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5");
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/openmetrics-text");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).endsWith("# EOF\n");
    }

    @Test
    void gzipsWhenAccepted() throws Exception {
        HttpResponse<byte[]> r = get("/metrics", "Accept-Encoding", "gzip");
        assertThat(r.headers().firstValue("Content-Encoding")).contains("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("node_load1 0.25");
        }
    }

    @Test
    void healthAndReadiness() throws Exception {
        assertThat(get("/-/healthy").statusCode()).isEqualTo(200);
        assertThat(get("/-/ready").statusCode()).isEqualTo(503);
        ready.set(true);
        HttpResponse<byte[]> r = get("/-/ready");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        assertThat(get("/debug/pprof/").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void acceptEncodingParsing() {
        assertThat(MetricsHandler.acceptsGzip("gzip, deflate")).isTrue();
        assertThat(MetricsHandler.acceptsGzip("deflate, gzip;q=0")).isFalse();
        assertThat(MetricsHandler.acceptsGzip("identity")).isFalse();
        assertThat(MetricsHandler.acceptsGzip(null)).isFalse();
    }

    /** A scrape of many batches, over HTTP: one document, in both formats and gzipped. */
    @Test
    void aLargeScrapeIsOneDocument() throws Exception {
        SeriesStore store = new SeriesStore(new StoreLimits(40_000, 40_000, Duration.ofHours(1), 2, 0, Set.of()));
        for (int m = 0; m < 30; m++) {
            MetricDescriptor d = MetricDescriptor.gauge("large_" + m, "Metric " + m + ".");
            for (int i = 0; i < 1_000; i++) {
                store.set(d, Labels.of("pid", Integer.toString(i), "process", "p" + (i % 9)), i * 0.25 + m, 1_000);
            }
        }
        MetricsRegistry registry = new MetricsRegistry();
        registry.addDynamic(new StoreCollector(store));
        MetricsServer large = new MetricsServer(new ListenAddress("127.0.0.1", 0), registry, ready::get);
        large.start();
        try {
            base = "http://127.0.0.1:" + large.boundAddress().port();
            String text = new String(get("/metrics").body(), StandardCharsets.UTF_8);
            String openMetrics = new String(get("/metrics", "Accept", "application/openmetrics-text;version=1.0.0").body(),
                    StandardCharsets.UTF_8);
            HttpResponse<byte[]> gzipped = get("/metrics", "Accept-Encoding", "gzip");

            assertThat(text.lines().filter(l -> l.startsWith("large_"))).hasSize(30_000);
            assertThat(text.lines().filter(l -> l.startsWith("# TYPE large_"))).hasSize(30);
            assertThat(openMetrics).endsWith("# EOF\n").containsOnlyOnce("# EOF");
            assertThat(openMetrics.lines().filter(l -> l.startsWith("large_"))).hasSize(30_000);
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(text);
            }
        } finally {
            large.stop();
        }
    }

    /**
     * Clients that send half a request and then nothing hold one connection thread each (until the
     * head deadline); a scrape meanwhile gets a thread of its own at once.
     */
    @Test
    void clientsStalledMidRequestDoNotHoldUpAScrape() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket s = new Socket("127.0.0.1", server.boundAddress().port());
                stalled.add(s);
                OutputStream out = s.getOutputStream();
                out.write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> requestThreads() >= 3);

            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(r.statusCode()).isEqualTo(200);
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    private static long requestThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("leakwatch-metrics-http-conn-")).count();
    }
}
