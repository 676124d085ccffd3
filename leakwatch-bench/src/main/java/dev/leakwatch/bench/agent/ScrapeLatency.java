package dev.leakwatch.bench.agent;

import com.sun.management.OperatingSystemMXBean;
import dev.leakwatch.agent.config.ListenAddress;
import dev.leakwatch.agent.metrics.MetricsRegistry;
import dev.leakwatch.agent.metrics.MetricsServer;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * {@code GET /metrics} over HTTP on 127.0.0.1 with N series in the store: median and p90 latency,
 * CPU per scrape and body size, for Prometheus text and OpenMetrics, plain and gzip.
 * {@code java -Xmx256m -XX:+UseSerialGC -cp <bench classpath> dev.leakwatch.bench.agent.ScrapeLatency
 * [series] [scrapes] [warm-up scrapes]}.
 *
 * <p>Every series gets a new value before each scrape (outside the timed part), as collectors
 * write every interval, so nothing a scrape could reuse from the previous one stays valid. The
 * client is {@link RawHttpClient} on one keep-alive connection, as Prometheus scrapes: the JDK's
 * HttpClient spent more CPU receiving 6 MB than the server spent sending it, on the same two cores.
 * CPU is the whole process's (server, client and GC) over the requests, averaged per scrape
 * (the clock it is read from ticks in 10 ms steps).
 */
public final class ScrapeLatency {
    private ScrapeLatency() {}

    private static final String OPENMETRICS = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    public static void main(String[] args) throws Exception {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int scrapes = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        ScrapeFixture.Populated fixture = ScrapeFixture.populate(series);
        MetricsRegistry registry = fixture.registry();
        MetricsServer server = new MetricsServer(new ListenAddress("127.0.0.1", 0), registry, () -> true);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("%s %s, %d CPUs, %s%n", System.getProperty("java.vm.name"), Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        server.start();
        try (RawHttpClient http = new RawHttpClient(server.boundAddress().toSocketAddress())) {
            String[][] cases = {{"text", "text/plain", "identity"}, {"text", "text/plain", "gzip"},
                {"openmetrics", OPENMETRICS, "identity"}, {"openmetrics", OPENMETRICS, "gzip"}};
            for (String[] c : cases) {
                for (int i = 0; i < warmup; i++) {
                    fixture.update(i);
                    http.get("/metrics", c[1], c[2]);
                }
                long[] nanos = new long[scrapes];
                long[] cpu = new long[scrapes];
                long bytes = 0;
                for (int i = 0; i < scrapes; i++) {
                    fixture.update(warmup + i);
                    long c0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    bytes = http.get("/metrics", c[1], c[2]);
                    nanos[i] = System.nanoTime() - t0;
                    cpu[i] = os.getProcessCpuTime() - c0;
                }
                Arrays.sort(nanos);
                System.out.printf("%,d series, %-11s %-8s: median %6.1f ms, p90 %6.1f ms, CPU %6.1f ms,"
                        + " %,d bytes (%d scrapes after %d)%n", series, c[0], c[2], nanos[scrapes / 2] / 1e6,
                        nanos[scrapes * 9 / 10] / 1e6, Arrays.stream(cpu).sum() / 1e6 / scrapes, bytes, scrapes, warmup);
            }
        } finally {
            server.stop();
        }
    }
}
