package dev.leakwatch.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
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
import org.junit.jupiter.api.Test;

class PipelinedScrapeTest {
    private final ExecutorService builder = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        builder.shutdownNow();
        assertThat(builder.awaitTermination(10, TimeUnit.SECONDS)).as("the builder stopped").isTrue();
    }

    @Test
    void writesWhatOneWriterCallWritesAndCountsThePoints() throws IOException {
        List<MetricSnapshot> families = ExpositionBatchesTest.families();
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        OpenMetricsTextFormatWriter.create().write(whole, new MetricSnapshots(families), EscapingScheme.ALLOW_UTF8);

        ByteArrayOutputStream piped = new ByteArrayOutputStream();
        BatchWriter out = new BatchWriter(OpenMetricsTextFormatWriter.create(), EscapingScheme.ALLOW_UTF8, piped);
        long points = PipelinedScrape.run(sink -> families.forEach(sink), builder, out);
        out.finish();

        assertThat(piped.toString(StandardCharsets.UTF_8)).isEqualTo(whole.toString(StandardCharsets.UTF_8));
        assertThat(points).isEqualTo(families.stream().mapToInt(f -> f.getDataPoints().size()).sum());
    }

    /** A scraper that goes away stops the builder too, instead of leaving it blocked on a full queue. */
    @Test
    void aFailedResponseStopsTheBuilder() throws Exception {
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
        BatchWriter out = new BatchWriter(OpenMetricsTextFormatWriter.create(), EscapingScheme.ALLOW_UTF8, failing);
        FamilyStream endless = sink -> {
            for (int i = 0; i < 1_000_000; i++) {
                sink.accept(families.get(i % families.size()));
                handedOut.incrementAndGet();
            }
        };
        assertThatThrownBy(() -> PipelinedScrape.run(endless, builder, out)).isInstanceOf(IOException.class)
                .hasMessageContaining("connection reset");
        builder.shutdown();
        assertThat(builder.awaitTermination(10, TimeUnit.SECONDS)).as("the builder gave up").isTrue();
        assertThat(handedOut.get()).isLessThan(1_000);
    }

    /** A scrape whose building fails ends in an error, never in a silently shortened document. */
    @Test
    void aFailedBuildFailsTheScrape() {
        List<MetricSnapshot> families = ExpositionBatchesTest.families();
        BatchWriter out = new BatchWriter(OpenMetricsTextFormatWriter.create(), EscapingScheme.ALLOW_UTF8,
                new ByteArrayOutputStream());
        FamilyStream broken = sink -> {
            families.forEach(sink);
            throw new OutOfMemoryError("simulated");
        };
        assertThatThrownBy(() -> PipelinedScrape.run(broken, builder, out)).isInstanceOf(IOException.class)
                .hasMessageContaining("building the scrape failed").hasCauseInstanceOf(OutOfMemoryError.class);
    }
}
