package dev.leakwatch.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;
import dev.leakwatch.agent.store.SeriesStore;
import dev.leakwatch.agent.store.StoreLimits;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Written batch by batch, a scrape is byte for byte what one call of the official writer makes
 * of the same families.
 */
class ExpositionBatchesTest {

    /** Families of very different sizes: many batches, batches of one large family, small ones joined. */
    static List<MetricSnapshot> families() {
        SeriesStore store = new SeriesStore(new StoreLimits(100_000, 100_000, Duration.ofHours(1), 2, 0, Set.of()));
        int[] sizes = {1, 3, 2_500, 1, 700, 1_400, 5_000, 2, 1_999, 1};
        for (int m = 0; m < sizes.length; m++) {
            MetricDescriptor d = m % 3 == 0
                    ? MetricDescriptor.counter("family_" + m + "_total", "Family " + m + ", a counter.")
                    : MetricDescriptor.gauge("family_" + m, "Family " + m + " with \"quotes\" and a \\ in its help.");
            for (int i = 0; i < sizes[m]; i++) {
                store.set(d, Labels.of("pid", Integer.toString(i), "process", "svc-" + (i % 7) + "\n\"x\""),
                        i * 0.5 - 3, 1_000);
            }
        }
        List<MetricSnapshot> out = new ArrayList<>(new StoreCollector(store).collect().stream().toList());
        out.sort(Comparator.comparing(s -> s.getMetadata().getPrometheusName()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void batchesConcatenateToTheWriterOutputOfOneCall(boolean openMetrics) throws IOException {
        ExpositionFormatWriter writer = openMetrics ? OpenMetricsTextFormatWriter.create()
                : PrometheusTextFormatWriter.create();
        List<MetricSnapshot> families = families();

        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        writer.write(whole, new MetricSnapshots(families), EscapingScheme.ALLOW_UTF8);

        CountingStream batched = new CountingStream();
        BatchWriter out = new BatchWriter(writer, EscapingScheme.ALLOW_UTF8, batched);
        List<Integer> sizes = new ArrayList<>();
        ExpositionBatches batches = new ExpositionBatches(batch -> {
            sizes.add(batch.stream().mapToInt(f -> f.getDataPoints().size()).sum());
            try {
                out.write(batch);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        families.forEach(batches);
        batches.flush();
        out.finish();

        assertThat(batches.points()).isEqualTo(families.stream().mapToInt(f -> f.getDataPoints().size()).sum());
        assertThat(sizes).hasSizeGreaterThanOrEqualTo(3);
        // Every batch but the last reaches the threshold; no batch is larger than it needs to be.
        assertThat(sizes.subList(0, sizes.size() - 1)).allMatch(n -> n >= ExpositionBatches.BATCH_POINTS);

        assertThat(batched.toString(StandardCharsets.UTF_8)).isEqualTo(whole.toString(StandardCharsets.UTF_8));
        assertThat(batched.flushes).as("one flush, at the end").isEqualTo(1);
        if (openMetrics) {
            assertThat(batched.toString(StandardCharsets.UTF_8)).endsWith("# EOF\n").containsOnlyOnce("# EOF");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anEmptyScrapeIsAValidDocument(boolean openMetrics) throws IOException {
        ExpositionFormatWriter writer = openMetrics ? OpenMetricsTextFormatWriter.create()
                : PrometheusTextFormatWriter.create();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BatchWriter(writer, EscapingScheme.ALLOW_UTF8, out).finish();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(openMetrics ? "# EOF\n" : "");
    }

    private static final class CountingStream extends ByteArrayOutputStream {
        int flushes;

        @Override
        public void flush() {
            flushes++;
        }
    }
}
