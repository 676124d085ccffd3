package dev.leakwatch.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class ScrapeBodyTest {
    private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();

    @Test
    void aSegmentHoldsTheWritersTextOfItsFamily() throws IOException {
        MetricSnapshot family = gauge("segment_family", 300, 1);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        TEXT.write(expected, MetricSnapshots.of(family), EscapingScheme.UNDERSCORE_ESCAPING);
        try (SegmentRenderer renderer = new SegmentRenderer(new SegmentPool())) {
            Segment segment = renderer.render(TEXT, EscapingScheme.UNDERSCORE_ESCAPING, family);
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            try (ScrapeBody body = ScrapeBody.plain(plain)) {
                body.splice(segment);
                body.finish();
            }
            assertThat(plain.toByteArray()).isEqualTo(expected.toByteArray());
            assertThat(segment.textLength()).isEqualTo(expected.size());
            assertThat(segment.length()).isLessThan(expected.size() / 3);
        }
    }

    @Test
    void anOpenMetricsSegmentLeavesTheEndMarkerToTheDocument() {
        try (SegmentRenderer renderer = new SegmentRenderer(new SegmentPool())) {
            Segment segment = renderer.render(OpenMetricsTextFormatWriter.create(), EscapingScheme.UNDERSCORE_ESCAPING,
                    gauge("om_family", 5, 1));
            assertThat(inflate(segment)).startsWith("# TYPE om_family gauge").doesNotContain("# EOF");
        }
    }

    /** Random runs of live text and segments: plain and gzip bodies must both give the same text. */
    @Test
    void splicedBodiesDecodeToTheTextInOrder() throws IOException {
        Random random = new Random(3);
        try (SegmentRenderer renderer = new SegmentRenderer(new SegmentPool())) {
            for (int round = 0; round < 60; round++) {
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                ByteArrayOutputStream plainOut = new ByteArrayOutputStream();
                ByteArrayOutputStream gzipOut = new ByteArrayOutputStream();
                try (ScrapeBody plain = ScrapeBody.plain(plainOut); ScrapeBody gzip = ScrapeBody.gzip(gzipOut)) {
                    int pieces = random.nextInt(8);
                    for (int p = 0; p < pieces; p++) {
                        if (random.nextBoolean()) {
                            byte[] live = liveText(random, random.nextInt(p % 3 == 0 ? 20 : 40_000));
                            expected.write(live);
                            plain.live().write(live);
                            gzip.live().write(live);
                        } else {
                            MetricSnapshot family = gauge("f" + round + "_" + p, 1 + random.nextInt(500), random.nextInt());
                            Segment segment = renderer.render(TEXT, EscapingScheme.UNDERSCORE_ESCAPING, family);
                            TEXT.write(expected, MetricSnapshots.of(family), EscapingScheme.UNDERSCORE_ESCAPING);
                            plain.splice(segment);
                            gzip.splice(segment);
                        }
                    }
                    plain.finish();
                    gzip.finish();
                }
                assertThat(plainOut.toByteArray()).as("round %d, plain", round).isEqualTo(expected.toByteArray());
                assertThat(gunzip(gzipOut.toByteArray())).as("round %d, gzip", round).isEqualTo(expected.toByteArray());
                assertThat(deflateMemberEnd(gzipOut.toByteArray())).as("one gzip member, then its 8-byte trailer")
                        .isEqualTo(gzipOut.size() - 8);
            }
        }
    }

    /** Where the deflate data of the body's first member ends (readers that stop after one member see it all). */
    private static int deflateMemberEnd(byte[] gzip) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(gzip, 10, gzip.length - 10);
            byte[] sink = new byte[64 * 1024];
            while (!inflater.finished()) {
                if (inflater.inflate(sink) == 0 && inflater.needsInput()) {
                    return -1;
                }
            }
            return 10 + (gzip.length - 10 - inflater.getRemaining());
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError(e);
        } finally {
            inflater.end();
        }
    }

    private static byte[] liveText(Random random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + random.nextInt(random.nextBoolean() ? 3 : 26));
        }
        return b;
    }

    static GaugeSnapshot gauge(String name, int points, int seed) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help("Help of " + name + ".");
        for (int i = 0; i < points; i++) {
            b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("pid", Integer.toString(10_000 + i), "process", "p" + (i % 7)))
                    .value(seed * 0.5 + i).build());
        }
        return b.build();
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    private static String inflate(Segment segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ScrapeBody body = ScrapeBody.plain(out)) {
            body.splice(segment);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aCorruptSegmentIsAnIoErrorNotACrash() {
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0xff);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ScrapeBody body = ScrapeBody.plain(out)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> body.splice(new Segment(garbage, garbage.length, 0, 10, null)))
                    .isInstanceOf(IOException.class);
        }
    }
}
