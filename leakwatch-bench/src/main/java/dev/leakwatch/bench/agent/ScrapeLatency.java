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
 * [series] [scrapes] [warm-up scrapes] [scrape interval ms]}.
 *
 * <p>Every series gets a new value between scrapes (outside the timed part), as collectors
 * write every interval. Without an interval (or 0), the values change right before each scrape,
 * back to back, so nothing rendered earlier is current: the scrape renders everything itself
 * (the worst case). With an interval, scrapes come at that fixed rate, as Prometheus scrapes,
 * and the values change at a random moment of each period, as collectors running at the same
 * interval but their own phase write them: what the agent can render ahead of a scrape it does.
 * The CPU column is then the whole process's over the run divided by the scrapes, so it includes
 * the writes and any rendering done ahead. The
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
        long intervalMillis = args.length > 3 ? Long.parseLong(args[3]) : 0;
        ScrapeFixture.Populated fixture = ScrapeFixture.populate(series);
        MetricsRegistry registry = fixture.registry();
        MetricsServer server = new MetricsServer(new ListenAddress("127.0.0.1", 0), registry, () -> true);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("%s %s, %d CPUs, %s%n", System.getProperty("java.vm.name"), Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        server.registerMetrics(registry.agentRegistry());
        server.start();
        try (RawHttpClient http = new RawHttpClient(server.boundAddress().toSocketAddress())) {
            String[][] cases = {{"text", "text/plain", "identity"}, {"text", "text/plain", "gzip"},
                {"openmetrics", OPENMETRICS, "identity"}, {"openmetrics", OPENMETRICS, "gzip"}};
            for (String[] c : cases) {
                Scrapes run = intervalMillis > 0
                        ? new Paced(fixture, http, c, intervalMillis, os)
                        : new BackToBack(fixture, http, c, os);
                run.scrapes(0, warmup, new long[warmup], new long[warmup]);
                long[] nanos = new long[scrapes];
                long[] cpu = new long[scrapes];
                long bytes = run.scrapes(warmup, scrapes, nanos, cpu);
                Arrays.sort(nanos);
                System.out.printf("%s%,d series, %-11s %-8s: median %6.1f ms, p90 %6.1f ms, CPU %6.1f ms,"
                        + " %,d bytes (%d scrapes after %d)%n", intervalMillis > 0 ? "every " + intervalMillis + " ms, " : "", series, c[0], c[2], nanos[scrapes / 2] / 1e6,
                        nanos[scrapes * 9 / 10] / 1e6, Arrays.stream(cpu).sum() / 1e6 / scrapes, bytes, scrapes, warmup);
                System.out.println("  large families so far: " + cacheCounts(registry));
                if (Boolean.getBoolean("scrape.latency.all")) {
                    System.out.println("  all (ms): " + Arrays.toString(Arrays.stream(nanos).map(n -> n / 1_000_000).toArray()));
                }
            }
        } finally {
            server.stop();
        }
    }

    /** A way of scraping: fills the latency and CPU of scrapes [0, n) and returns the last body size. */
    private interface Scrapes {
        long scrapes(int round, int n, long[] nanos, long[] cpu) throws Exception;
    }

    /** New values, then the scrape at once: nothing rendered before is current. */
    private record BackToBack(ScrapeFixture.Populated fixture, RawHttpClient http, String[] c,
            OperatingSystemMXBean os) implements Scrapes {
        @Override
        public long scrapes(int round, int n, long[] nanos, long[] cpu) throws Exception {
            long bytes = 0;
            for (int i = 0; i < n; i++) {
                fixture.update(round + i);
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                bytes = http.get("/metrics", c[1], c[2]);
                nanos[i] = System.nanoTime() - t0;
                cpu[i] = os.getProcessCpuTime() - c0;
            }
            return bytes;
        }
    }

    /**
     * Scrapes at a fixed rate; the values change at a random moment of each period. CPU per
     * scrape is the process's CPU over the period (writes, renderings ahead, the scrape).
     */
    private record Paced(ScrapeFixture.Populated fixture, RawHttpClient http, String[] c, long intervalMillis,
            OperatingSystemMXBean os) implements Scrapes {
        @Override
        public long scrapes(int round, int n, long[] nanos, long[] cpu) throws Exception {
            java.util.Random random = new java.util.Random(round);
            long bytes = 0;
            long period = intervalMillis * 1_000_000L;
            long next = System.nanoTime() + period;
            for (int i = 0; i < n; i++) {
                long c0 = os.getProcessCpuTime();
                waitUntil(next - period + (long) (random.nextDouble() * period));
                fixture.update(round + i);
                waitUntil(next);
                long t0 = System.nanoTime();
                bytes = http.get("/metrics", c[1], c[2]);
                nanos[i] = System.nanoTime() - t0;
                cpu[i] = os.getProcessCpuTime() - c0;
                next += period;
            }
            return bytes;
        }

        private static void waitUntil(long nanoTime) throws InterruptedException {
            long left;
            while ((left = nanoTime - System.nanoTime()) > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    }

    /** The scrape cache's counters ("reused=..., rendered=...") and the prerenderings, from the agent's own metrics. */
    private static String cacheCounts(MetricsRegistry registry) {
        StringBuilder out = new StringBuilder();
        for (var family : registry.agentRegistry().scrape()) {
            String name = family.getMetadata().getName();
            if (name.equals("leakwatch_scrape_cache_families") || name.equals("leakwatch_scrape_prerenders")) {
                for (var point : family.getDataPoints()) {
                    String label = point.getLabels().isEmpty() ? "prerenders" : point.getLabels().getValue(0);
                    out.append(label).append('=').append((long) ((io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot) point).getValue()).append(' ');
                }
            }
        }
        return out.toString().trim();
    }
}
