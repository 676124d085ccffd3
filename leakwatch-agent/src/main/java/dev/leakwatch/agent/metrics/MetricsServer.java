package dev.leakwatch.agent.metrics;

import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import dev.leakwatch.agent.config.ListenAddress;
import dev.leakwatch.agent.lifecycle.Component;
import dev.leakwatch.agent.lifecycle.LeakwatchThreads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * The metrics listener (default {@code 127.0.0.1:9465}): {@code GET /metrics},
 * {@code GET /-/healthy}, {@code GET /-/ready}. It exposes no secrets, so it may bind a
 * public address.
 *
 * <p>Requests run on {@code leakwatch-metrics-http} threads: one that stays, handed each request
 * directly (no queue), and up to {@value #WORKERS} in all while requests overlap (a slow client
 * holds one thread, never the others' scrapes); the extra threads end after
 * {@value #EXTRA_WORKER_IDLE_SECONDS} s idle. Beyond that the dispatcher serves the request itself,
 * which slows down accepting rather than queueing without bound. One scrape at a time, the usual
 * case, always lands on the same thread: one parked thread to wake instead of two taking turns.
 *
 * <p>The server also owns the {@link RenderCache} of large families and the
 * {@code leakwatch-metrics-prerender} thread that renders them ahead of each expected scrape
 * ({@link Prerenderer}); both stop with it.
 */
public final class MetricsServer implements Component {
    private static final Logger LOG = Logger.getLogger(MetricsServer.class.getName());
    private static final int WORKERS = 4;
    private static final int EXTRA_WORKER_IDLE_SECONDS = 60;

    static {
        // The JDK server leaves Nagle's algorithm on unless told otherwise (Go's servers, such as
        // node_exporter's, turn it off). A body sent as many writes then ends waiting for the
        // client's delayed ACK, 40 ms on Linux, on every scrape. Read once, when the JDK server's
        // configuration class loads, so it has to be set before any server of this JVM is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final ListenAddress address;
    private final FamilyStream metrics;
    private final BooleanSupplier ready;
    private final RenderCache renderCache = new RenderCache();
    private final Prerenderer prerenderer;
    private HttpServer server;
    private ThreadPoolExecutor executor;

    /**
     * @param metrics what {@code /metrics} shows
     * @param ready   what {@code /-/ready} answers (the first collections are done)
     */
    public MetricsServer(ListenAddress address, FamilyStream metrics, BooleanSupplier ready) {
        this(address, metrics, ready, true);
    }

    /** @param assistScrapes whether the rendering thread helps scrapes render what changed (see {@link Prerenderer}) */
    MetricsServer(ListenAddress address, FamilyStream metrics, BooleanSupplier ready, boolean assistScrapes) {
        this.address = address;
        this.metrics = metrics;
        this.ready = ready;
        this.prerenderer = new Prerenderer(metrics, renderCache, assistScrapes);
    }

    RenderCache renderCache() {
        return renderCache;
    }

    Prerenderer prerenderer() {
        return prerenderer;
    }

    /** Registers the scrape cache's metrics. */
    public void registerMetrics(PrometheusRegistry registry) {
        GaugeWithCallback.builder().name("leakwatch_scrape_cache_bytes")
                .help("Bytes held by the compressed renderings of large metric families kept between scrapes.")
                .callback(cb -> cb.call(renderCache.bytes()))
                .register(registry);
        CounterWithCallback.builder().name("leakwatch_scrape_cache_families")
                .help("Large metric families served by /metrics, by whether a kept rendering was reused or the family rendered anew.")
                .labelNames("result")
                .callback(cb -> {
                    cb.call(renderCache.reused(), "reused");
                    cb.call(renderCache.rendered(), "rendered");
                })
                .register(registry);
        CounterWithCallback.builder().name("leakwatch_scrape_prerenders")
                .help("Renderings of changed large families done ahead of an expected scrape.")
                .callback(cb -> cb.call(prerenderer.runs()))
                .register(registry);
        CounterWithCallback.builder().name("leakwatch_scrape_assisted_families")
                .help("Changed large families the rendering thread rendered for a scrape in progress, alongside it.")
                .callback(cb -> cb.call(prerenderer.assistedFamilies()))
                .register(registry);
    }

    @Override
    public String name() {
        return "metrics-server";
    }

    @Override
    public void start() throws IOException {
        // The JDK server makes its timer threads when created and its dispatcher when started.
        Set<Thread> before = LeakwatchThreads.liveThreads();
        try {
            server = HttpServer.create(address.toSocketAddress(), 64);
        } catch (IOException e) {
            // Name the setting and the value, as configuration errors do.
            throw new IOException("listeners.metrics.address: cannot listen on " + address + ": " + e.getMessage(), e);
        }
        executor = new ThreadPoolExecutor(1, WORKERS, EXTRA_WORKER_IDLE_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), LeakwatchThreads.factory("metrics-http"),
                new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(executor);
        prerenderer.start();
        server.createContext("/metrics", new MetricsHandler(metrics, renderCache, prerenderer));
        server.createContext("/-/healthy", exchange -> {
            try (exchange) {
                HttpResponses.text(exchange, 200, "leakwatch is healthy.\n");
            }
        });
        server.createContext("/-/ready", exchange -> {
            try (exchange) {
                if (ready.getAsBoolean()) {
                    HttpResponses.text(exchange, 200, "leakwatch is ready.\n");
                } else {
                    HttpResponses.text(exchange, 503, "leakwatch is not ready: first collections still running.\n");
                }
            }
        });
        server.createContext("/", exchange -> {
            try (exchange) {
                HttpResponses.text(exchange, 404, "Not found. This listener serves /metrics, /-/healthy, /-/ready.\n");
            }
        });
        server.start();
        LeakwatchThreads.adoptLibraryThreads(before, "metrics");
        LOG.info(() -> "metrics listener on http://" + boundAddress() + "/metrics");
    }

    /** The address actually bound (the port is real even when configured as 0). */
    public ListenAddress boundAddress() {
        InetSocketAddress a = server.getAddress();
        return new ListenAddress(a.getAddress().getHostAddress(), a.getPort());
    }

    @Override
    public void stop() throws InterruptedException {
        if (server != null) {
            // Let scrapes in flight finish (briefly), then close the socket and every connection.
            // Not server.stop(n): on JDK 17 it always waits the whole n seconds.
            executor.shutdown();
            try {
                if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } finally {
                server.stop(0);
                prerenderer.stop();
            }
        }
    }
}
