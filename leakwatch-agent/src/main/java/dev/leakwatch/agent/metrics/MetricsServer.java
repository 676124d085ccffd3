package dev.leakwatch.agent.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import dev.leakwatch.agent.config.ListenAddress;
import dev.leakwatch.agent.lifecycle.Component;
import dev.leakwatch.jvm.http.ListenerSettings;
import dev.leakwatch.jvm.http.ThreadPerConnectionServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * The metrics listener (default {@code 127.0.0.1:9465}): {@code GET /metrics},
 * {@code GET /-/healthy}, {@code GET /-/ready}. It exposes no secrets, so it may bind a
 * public address.
 *
 * <p>The listener is a {@link ThreadPerConnectionServer}: {@code leakwatch-metrics-http-accept}
 * blocks in {@code accept()} and hands each connection to a {@code leakwatch-metrics-http-conn-<n>}
 * thread that serves it to the end, as Go's servers (node_exporter's) do: a scrape on Prometheus'
 * persistent connection wakes one thread, and nothing wakes while nobody scrapes. One connection
 * thread stays; up to {@value ListenerSettings#DEFAULT_MAX_CONNECTIONS} connections are served at
 * once (a slow client holds one thread, never the others' scrapes), beyond which a connection is
 * answered 503; every bound is counted ({@code leakwatch_http_*}).
 *
 * <p>The server also owns the {@link RenderCache} of large families and the
 * {@code leakwatch-metrics-prerender} thread that renders them ahead of each expected scrape
 * ({@link Prerenderer}); both stop with it.
 */
public final class MetricsServer implements Component {
    private static final Logger LOG = Logger.getLogger(MetricsServer.class.getName());
    static final String THREAD_PREFIX = "leakwatch-metrics-http";
    /** Seconds scrapes in flight may take to finish when the agent stops. */
    private static final int STOP_GRACE_SECONDS = 1;

    private final ListenAddress address;
    private final FamilyStream metrics;
    private final BooleanSupplier ready;
    private final RenderCache renderCache = new RenderCache();
    private final Prerenderer prerenderer;
    private final ThreadPerConnectionServer server;

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
        this.server = ThreadPerConnectionServer.create(ListenerSettings.defaults(THREAD_PREFIX));
    }

    RenderCache renderCache() {
        return renderCache;
    }

    Prerenderer prerenderer() {
        return prerenderer;
    }

    /** Registers the scrape cache's and the listener's metrics. */
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
        CounterWithCallback.builder().name("leakwatch_http_connections")
                .help("Connections the metrics listener accepted, by whether it served them or refused them (503) at its "
                        + "connection limit.")
                .labelNames("result")
                .callback(cb -> {
                    long refused = server.connectionsRefused();
                    cb.call(server.connectionsAccepted() - refused, "served");
                    cb.call(refused, "refused");
                })
                .register(registry);
        GaugeWithCallback.builder().name("leakwatch_http_connections_open")
                .help("Connections the metrics listener holds open now, one thread each.")
                .callback(cb -> cb.call(server.connectionsOpen()))
                .register(registry);
        CounterWithCallback.builder().name("leakwatch_http_accept_errors")
                .help("Failed accepts on the metrics listener (such as running out of file descriptors).")
                .callback(cb -> cb.call(server.acceptErrors()))
                .register(registry);
        CounterWithCallback.builder().name("leakwatch_http_requests")
                .help("Requests the metrics listener read.")
                .callback(cb -> cb.call(server.requests()))
                .register(registry);
        CounterWithCallback.builder().name("leakwatch_http_bad_requests")
                .help("Requests the metrics listener refused as malformed or over a limit (400, 414, 431, 501, 505).")
                .callback(cb -> cb.call(server.badRequests()))
                .register(registry);
        CounterWithCallback.builder().name("leakwatch_http_timeouts")
                .help("Connections the metrics listener closed because a request head was not received in time.")
                .callback(cb -> cb.call(server.timeouts()))
                .register(registry);
    }

    @Override
    public String name() {
        return "metrics-server";
    }

    @Override
    public void start() throws IOException {
        try {
            server.bind(address.toSocketAddress(), 64);
        } catch (IOException e) {
            // Name the setting and the value, as configuration errors do.
            throw new IOException("listeners.metrics.address: cannot listen on " + address + ": " + e.getMessage(), e);
        }
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
        LOG.info(() -> "metrics listener on http://" + boundAddress() + "/metrics");
    }

    /** The address actually bound (the port is real even when configured as 0). */
    public ListenAddress boundAddress() {
        InetSocketAddress a = server.getAddress();
        return new ListenAddress(a.getAddress().getHostAddress(), a.getPort());
    }

    @Override
    public void stop() throws InterruptedException {
        // Stops accepting, lets scrapes in flight finish (briefly), then closes every connection;
        // returns as soon as none is in flight.
        try {
            server.stop(STOP_GRACE_SECONDS);
        } finally {
            prerenderer.stop();
        }
    }
}
