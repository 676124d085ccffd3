package dev.leakwatch.bench.agent;

import dev.leakwatch.agent.config.ListenAddress;
import dev.leakwatch.agent.metrics.MetricsRegistry;
import dev.leakwatch.agent.metrics.MetricsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/**
 * {@code GET /metrics} over HTTP on 127.0.0.1 with N series in the store: median and p90 latency
 * and body size, plain and gzip. {@code java -Xmx256m -XX:+UseSerialGC -cp <bench classpath>
 * dev.leakwatch.bench.agent.ScrapeLatency [series] [scrapes]}.
 */
public final class ScrapeLatency {
    private ScrapeLatency() {}

    public static void main(String[] args) throws Exception {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int scrapes = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        MetricsRegistry registry = ScrapeFixture.registry(series);
        MetricsServer server = new MetricsServer(new ListenAddress("127.0.0.1", 0), registry::scrape, () -> true);
        server.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://" + server.boundAddress() + "/metrics");
            for (String encoding : new String[] {"identity", "gzip"}) {
                HttpRequest request = HttpRequest.newBuilder(uri).header("Accept-Encoding", encoding).build();
                for (int i = 0; i < 10; i++) {
                    http.send(request, HttpResponse.BodyHandlers.discarding());
                }
                long[] nanos = new long[scrapes];
                long bytes = 0;
                for (int i = 0; i < scrapes; i++) {
                    long t0 = System.nanoTime();
                    bytes = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body().length;
                    nanos[i] = System.nanoTime() - t0;
                }
                Arrays.sort(nanos);
                System.out.printf("%,d series, %-8s: median %.1f ms, p90 %.1f ms, %,d bytes%n", series, encoding,
                        nanos[scrapes / 2] / 1e6, nanos[scrapes * 9 / 10] / 1e6, bytes);
            }
        } finally {
            server.stop();
        }
    }
}
