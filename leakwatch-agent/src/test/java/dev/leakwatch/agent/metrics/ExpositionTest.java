package dev.leakwatch.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;
import dev.leakwatch.agent.store.SeriesStore;
import dev.leakwatch.agent.store.StoreLimits;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole /metrics texts compared with checked-in golden files. */
class ExpositionTest {

    static MetricsRegistry sampleRegistry() {
        SeriesStore store = new SeriesStore(StoreLimits.defaults().withMaxSeriesPerMetric(2));
        MetricDescriptor cpu = MetricDescriptor.counter("node_cpu_seconds_total", "Seconds the CPUs spent in each mode.");
        MetricDescriptor load = MetricDescriptor.gauge("node_load1", "1m load average.");
        MetricDescriptor fds = MetricDescriptor.gauge("process_open_fds", "Open file descriptors.");
        store.set(cpu, Labels.of("cpu", "0", "mode", "idle"), 416.35, 1000);
        store.set(cpu, Labels.of("cpu", "0", "mode", "user"), 840.26, 1000);
        store.set(load, Labels.EMPTY, 0.25, 1000);
        store.set(fds, Labels.of("pid", "1", "process", "a \"quoted\" name"), 12, 1000);
        store.set(fds, Labels.of("pid", "2", "process", "b"), 7, 1000);
        store.set(fds, Labels.of("pid", "3", "process", "c"), 5, 1000); // over the per-metric cap: overflow
        MetricsRegistry registry = new MetricsRegistry();
        registry.agentRegistry().register(new StoreStatsCollector(store));
        registry.addDynamic(new StoreCollector(store));
        return registry;
    }

    private static String write(MetricSnapshots snapshots, boolean openMetrics) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (openMetrics) {
            OpenMetricsTextFormatWriter.create().write(out, snapshots);
        } else {
            PrometheusTextFormatWriter.create().write(out, snapshots);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void assertGolden(String actual, String name) throws IOException {
        String expected;
        try (InputStream in = ExpositionTest.class.getResourceAsStream("/metrics/" + name)) {
            expected = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!actual.equals(expected)) {
            // Leave the new output beside the golden file for review.
            Path review = Path.of("target", name + ".actual");
            Files.createDirectories(review.getParent());
            Files.writeString(review, actual);
        }
        assertThat(actual).as("golden file %s (new output in target/%s.actual)", name, name).isEqualTo(expected);
    }

    @Test
    void prometheusTextMatchesTheGoldenFile() throws IOException {
        assertGolden(write(sampleRegistry().scrape(), false), "golden.prom");
    }

    @Test
    void openMetricsMatchesTheGoldenFile() throws IOException {
        assertGolden(write(sampleRegistry().scrape(), true), "golden.openmetrics");
    }

    @Test
    void aFamilyWhoseNameTheFormatRefusesIsLeftOutAndCountedAndTheRestIsServed() throws IOException {
        SeriesStore store = new SeriesStore(StoreLimits.defaults());
        // Accepted by the store, refused by the client: "orders_created" ends in a reserved suffix.
        store.set(MetricDescriptor.counter("orders_created_total", "Orders."), Labels.EMPTY, 3, 1000);
        store.set(MetricDescriptor.gauge("node_load1", "1m load average."), Labels.EMPTY, 0.5, 1000);
        StoreCollector exposition = new StoreCollector(store);

        String text = write(exposition.collect(), false);

        assertThat(text).contains("node_load1 0.5").doesNotContain("orders_created");
        assertThat(exposition.unexportedFamilies()).isEqualTo(1);
        store.set(MetricDescriptor.counter("orders_created_total", "Orders."), Labels.EMPTY, 4, 2000);
        assertThat(write(exposition.collect(), true)).contains("node_load1 0.5");
    }

    @Test
    void aFamilyRefusedWhenReadStaysCountedThroughWalksThatDoNotReadIt() throws IOException {
        SeriesStore store = new SeriesStore(StoreLimits.defaults());
        // A name the client accepts, a value it refuses: a counter below zero.
        store.set(MetricDescriptor.counter("orders_total", "Orders."), Labels.EMPTY, -1, 1000);
        store.set(MetricDescriptor.gauge("node_load1", "1m load average."), Labels.EMPTY, 0.5, 1000);
        StoreCollector exposition = new StoreCollector(store);
        assertThat(write(exposition.collect(), false)).contains("node_load1 0.5").doesNotContain("orders_total");
        assertThat(exposition.unexportedFamilies()).isEqualTo(1);
        List<String> walked = new ArrayList<>();

        exposition.forEachReusable(new FamilySink() {
            @Override
            public void accept(MetricSnapshot family) {
                walked.add(family.getMetadata().getPrometheusName());
            }

            @Override
            public void reusable(ReusableFamily family) {
                walked.add(family.prometheusName()); // and never read, as for a small family
            }
        });

        assertThat(walked).contains("orders", "node_load1");
        assertThat(exposition.unexportedFamilies()).as("as the last scrape counted").isEqualTo(1);
    }

    @Test
    void aClashingOrFailingSourceNeverFailsTheScrape() throws IOException {
        MetricsRegistry registry = sampleRegistry();
        Gauge.builder().name("node_load1").help("Defined twice.").register(registry.agentRegistry()).set(9);
        registry.addDynamic(new MultiCollector() {
            @Override
            public MetricSnapshots collect() {
                throw new IllegalStateException("broken source");
            }
        });
        String text = write(registry.scrape(), false);
        assertThat(text).contains("node_load1 9.0").doesNotContain("node_load1 0.25").contains("node_cpu_seconds_total");
    }
}
