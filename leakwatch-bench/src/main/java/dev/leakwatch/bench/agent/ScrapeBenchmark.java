package dev.leakwatch.bench.agent;

import dev.leakwatch.agent.metrics.MetricsRegistry;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The work of one {@code /metrics} request without the network: snapshot the store, write the text. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx512m", "-XX:+UseSerialGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScrapeBenchmark {
    @Param({"100000"})
    public int series;

    private MetricsRegistry registry;
    private final OutputStream sink = OutputStream.nullOutputStream();

    @Setup(Level.Trial)
    public void setUp() {
        registry = ScrapeFixture.registry(series);
    }

    @Benchmark
    public void prometheusText() throws IOException {
        PrometheusTextFormatWriter.create().write(sink, registry.scrape());
    }

    @Benchmark
    public void openMetrics() throws IOException {
        OpenMetricsTextFormatWriter.create().write(sink, registry.scrape());
    }
}
