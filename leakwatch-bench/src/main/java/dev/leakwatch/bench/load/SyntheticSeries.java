package dev.leakwatch.bench.load;

import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;

/**
 * A deterministic population of application series, as a service fleet's StatsD traffic would
 * bring: series {@code id} (0 ≤ id &lt; pool) belongs to metric {@code id / PER_METRIC} and has
 * the labels {@code service}, {@code route} and {@code status}, {@value #PER_METRIC} label sets
 * per metric (under the store's default per-metric cap of 2,000). Metric names cycle through
 * {@link #BASE_NAMES}, suffixed {@code _g<n>} once they run out, so any pool size works. No name
 * ends in {@code _created}, {@code _bucket} or {@code _info} (before {@code _total}): the
 * Prometheus client reserves those suffixes and refuses such families at exposition.
 */
final class SyntheticSeries {
    static final int PER_METRIC = 1250;
    static final String[] BASE_NAMES = {
        "http_server_requests_total", "http_server_errors_total", "http_client_requests_total",
        "http_server_request_bytes_total", "http_server_response_bytes_total", "http_server_active_requests",
        "http_server_latency_p99_seconds", "db_queries_total", "db_query_errors_total", "db_pool_active",
        "db_pool_idle", "db_query_latency_p99_seconds", "cache_hits_total", "cache_misses_total",
        "cache_evictions_total", "cache_entries", "queue_messages_published_total", "queue_messages_consumed_total",
        "queue_depth", "queue_consumer_lag_seconds", "rpc_calls_total", "rpc_failures_total", "rpc_inflight",
        "rpc_latency_p95_seconds", "jobs_started_total", "jobs_failed_total", "jobs_running",
        "feature_flag_evaluations_total", "auth_logins_total", "auth_failures_total", "payments_processed_total",
        "payments_amount_total", "orders_placed_total", "orders_open", "inventory_reservations_total",
        "email_sent_total", "search_queries_total", "search_latency_p90_seconds", "upload_bytes_total",
        "worker_busy_ratio",
    };
    private static final String[] SERVICES = new String[25];
    private static final String[] ROUTES = {
        "/api/v1/orders", "/api/v1/orders/{id}", "/api/v1/users", "/api/v1/users/{id}", "/api/v1/cart",
        "/api/v1/search", "/api/v1/payments", "/api/v1/inventory", "/healthz", "/api/v2/graphql",
    };
    private static final String[] STATUSES = {"200", "201", "404", "500", "503"};

    static {
        String[] teams = {"checkout", "catalog", "billing", "identity", "shipping"};
        for (int i = 0; i < SERVICES.length; i++) {
            SERVICES[i] = teams[i % teams.length] + "-" + (i / teams.length);
        }
    }

    private final MetricDescriptor[] metrics;

    /** @param pool distinct series this population holds */
    SyntheticSeries(int pool) {
        if (pool < 1) {
            throw new IllegalArgumentException("pool must be at least 1, got " + pool);
        }
        int count = (pool + PER_METRIC - 1) / PER_METRIC;
        metrics = new MetricDescriptor[count];
        for (int m = 0; m < count; m++) {
            String base = BASE_NAMES[m % BASE_NAMES.length];
            int generation = m / BASE_NAMES.length;
            metrics[m] = descriptor(generation == 0 ? base : suffixed(base, generation));
        }
    }

    int pool() {
        return metrics.length * PER_METRIC;
    }

    MetricDescriptor metric(int id) {
        return metrics[id / PER_METRIC];
    }

    /** A fresh label set each call, as a parsed ingest packet would make. */
    Labels labels(int id) {
        int k = id % PER_METRIC;
        return Labels.of("service", SERVICES[k % SERVICES.length],
                "route", ROUTES[(k / SERVICES.length) % ROUTES.length],
                "status", STATUSES[k / (SERVICES.length * ROUTES.length)]);
    }

    /** The value of series {@code id} at run {@code run}: counters grow, gauges wander. */
    double value(int id, long run) {
        if (metric(id).name().endsWith("_total")) {
            return (double) run * (1 + id % 7);
        }
        return 100 + 50 * Math.sin(run * 0.1 + id);
    }

    private static String suffixed(String base, int generation) {
        String g = "_g" + generation;
        return base.endsWith("_total") ? base.substring(0, base.length() - "_total".length()) + g + "_total" : base + g;
    }

    private static MetricDescriptor descriptor(String name) {
        String help = "Synthetic application metric (" + name + ").";
        return name.endsWith("_total") ? MetricDescriptor.counter(name, help) : MetricDescriptor.gauge(name, help);
    }
}
