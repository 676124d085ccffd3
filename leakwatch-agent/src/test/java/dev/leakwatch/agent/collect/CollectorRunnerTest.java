package dev.leakwatch.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;
import dev.leakwatch.agent.store.SeriesKey;
import dev.leakwatch.agent.store.SeriesStore;
import dev.leakwatch.agent.store.StoreLimits;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CollectorRunnerTest {
    private static final MetricDescriptor UP = MetricDescriptor.gauge("thing_up", "Whether the thing is up.");
    private static final Duration HOUR = Duration.ofHours(1);

    private final SeriesStore store = new SeriesStore(StoreLimits.defaults());
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final CollectorMetrics metrics = new CollectorMetrics(registry);
    private final CountDownLatch release = new CountDownLatch(1);
    private CollectorRunner runner;

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        if (runner != null) {
            runner.stop();
        }
    }

    private String exposition() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private double value(String series) throws IOException {
        for (String line : exposition().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        return Double.NaN;
    }

    @Test
    void aFailingCollectorIsReportedAndOthersStillWrite() throws IOException {
        runner = new CollectorRunner(store, metrics, List.of(
                new CollectorSpec("good", HOUR, Duration.ofSeconds(5), out -> out.set(UP, Labels.of("n", "1"), 1)),
                new CollectorSpec("broken", HOUR, Duration.ofSeconds(5), out -> {
                    throw new IllegalStateException("cannot read");
                })), 2);
        runner.start();
        await().atMost(10, TimeUnit.SECONDS).until(runner::initialCollectionDone);
        assertThat(store.get(new SeriesKey("thing_up", Labels.of("n", "1")))).isPresent();
        String text = exposition();
        assertThat(text).contains("leakwatch_collector_success{collector=\"good\"} 1.0")
                .contains("leakwatch_collector_success{collector=\"broken\"} 0.0")
                .contains("leakwatch_collector_series{collector=\"good\"} 1.0")
                .contains("leakwatch_collector_skipped_total{collector=\"broken\"} 0.0")
                .containsPattern("leakwatch_collector_duration_seconds\\{collector=\"good\"} [0-9.E-]+");
    }

    @Test
    void aHungCollectorTimesOutItsLateWritesAreDroppedAndItsNextRunsAreSkipped() throws IOException {
        CountDownLatch interrupted = new CountDownLatch(1);
        runner = new CollectorRunner(store, metrics, List.of(
                new CollectorSpec("hung", Duration.ofMillis(100), Duration.ofMillis(50), out -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        // Ignore the interrupt, as a badly written collector might, and write late.
                        release.await();
                    }
                    out.set(UP, Labels.of("n", "late"), 1);
                })), 1);
        runner.start();
        await().atMost(10, TimeUnit.SECONDS).until(runner::initialCollectionDone);
        await().atMost(10, TimeUnit.SECONDS).until(() -> value("leakwatch_collector_skipped_total{collector=\"hung\"}") >= 1);
        assertThat(interrupted.getCount()).isZero();
        String text = exposition();
        assertThat(text).contains("leakwatch_collector_success{collector=\"hung\"} 0.0")
                .contains("leakwatch_collector_timeouts_total{collector=\"hung\"} 1.0");
        release.countDown();
        await().atMost(10, TimeUnit.SECONDS).until(() -> exposition().contains(
                "leakwatch_collector_success{collector=\"hung\"} 1.0"));
        // The first (abandoned) run's write was refused; later runs write normally.
        assertThat(store.get(new SeriesKey("thing_up", Labels.of("n", "late")))).isPresent();
    }

    @Test
    void collectorNamesMustBeUniqueAndWellFormed() {
        Collector noop = out -> { };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CollectorRunner(store, metrics, List.of(
                new CollectorSpec("a", HOUR, HOUR, noop), new CollectorSpec("a", HOUR, HOUR, noop)), 1))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CollectorSpec("Bad-Name", HOUR, HOUR, noop))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
