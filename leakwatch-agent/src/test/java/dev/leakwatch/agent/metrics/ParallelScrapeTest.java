package dev.leakwatch.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ParallelScrapeTest {
    private final ExecutorService renderers = Executors.newFixedThreadPool(2);
    private final RenderBuffers buffers = new RenderBuffers(ParallelScrape.IN_FLIGHT);

    @AfterEach
    void stop() throws InterruptedException {
        renderers.shutdownNow();
        assertThat(renderers.awaitTermination(10, TimeUnit.SECONDS)).as("the renderers stopped").isTrue();
    }

    private static ExpositionFormatWriter writer(boolean openMetrics) {
        return openMetrics ? OpenMetricsTextFormatWriter.create() : PrometheusTextFormatWriter.create();
    }

    /** Rendered out of order by two threads, sent in order: what one writer call writes. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void writesWhatOneWriterCallWritesAndCountsThePoints(boolean openMetrics) throws IOException {
        List<MetricSnapshot> families = ExpositionBatchesTest.families();
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        writer(openMetrics).write(whole, new MetricSnapshots(families), EscapingScheme.ALLOW_UTF8);

        ByteArrayOutputStream parallel = new ByteArrayOutputStream();
        BatchWriter out = new BatchWriter(writer(openMetrics), EscapingScheme.ALLOW_UTF8, parallel);
        long points = out.writeInParallel(sink -> families.forEach(sink), renderers, buffers);
        out.finish();

        assertThat(parallel.toString(StandardCharsets.UTF_8)).isEqualTo(whole.toString(StandardCharsets.UTF_8));
        assertThat(buffers.kept()).as("text buffers kept for the next scrape").isPositive();
        assertThat(points).isEqualTo(families.stream().mapToInt(f -> f.getDataPoints().size()).sum());
    }

    /** A scraper that goes away stops the scrape: the sources are not read to their end. */
    @Test
    void aFailedResponseStopsReadingTheSources() {
        List<MetricSnapshot> families = ExpositionBatchesTest.families();
        AtomicInteger handedOut = new AtomicInteger();
        OutputStream failing = new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 10_000) {
                    throw new IOException("connection reset");
                }
            }
        };
        BatchWriter out = new BatchWriter(writer(true), EscapingScheme.ALLOW_UTF8, failing);
        FamilyStream endless = sink -> {
            for (int i = 0; i < 1_000_000; i++) {
                sink.accept(families.get(i % families.size()));
                handedOut.incrementAndGet();
            }
        };
        assertThatThrownBy(() -> out.writeInParallel(endless, renderers, buffers)).isInstanceOf(IOException.class)
                .hasMessageContaining("connection reset");
        assertThat(handedOut.get()).isLessThan(1_000);
    }

    /** A batch that cannot be rendered fails the scrape, never shortens it silently. */
    @Test
    void aFailedRenderFailsTheScrape() {
        List<MetricSnapshot> families = ExpositionBatchesTest.families();
        ExpositionFormatWriter broken = new ExpositionFormatWriter() {
            @Override
            public boolean accepts(String acceptHeader) {
                return true;
            }

            @Override
            public void write(OutputStream out, MetricSnapshots snapshots, EscapingScheme escaping) {
                throw new IllegalStateException("simulated");
            }

            @Override
            public String getContentType() {
                return "text/plain";
            }
        };
        BatchWriter out = new BatchWriter(broken, EscapingScheme.ALLOW_UTF8, new ByteArrayOutputStream());
        assertThatThrownBy(() -> out.writeInParallel(sink -> families.forEach(sink), renderers, buffers))
                .isInstanceOf(IOException.class).hasMessageContaining("rendering the scrape failed")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    /** Renderers that take no more work (the server stopping) leave the scrape to the request's thread. */
    @Test
    void stoppedRenderersRenderOnTheRequestsThread() throws IOException {
        renderers.shutdown();
        List<MetricSnapshot> families = ExpositionBatchesTest.families();
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        writer(false).write(whole, new MetricSnapshots(families), EscapingScheme.ALLOW_UTF8);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        BatchWriter out = new BatchWriter(writer(false), EscapingScheme.ALLOW_UTF8, text);
        out.writeInParallel(sink -> families.forEach(sink), renderers, buffers);
        out.finish();
        assertThat(text.toString(StandardCharsets.UTF_8)).isEqualTo(whole.toString(StandardCharsets.UTF_8));
    }
}
