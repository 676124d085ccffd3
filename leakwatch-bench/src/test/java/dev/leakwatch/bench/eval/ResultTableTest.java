package dev.leakwatch.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.fixtures.FixtureCatalogue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultTableTest {
    private static final long MB = 1024 * 1024;

    @Test
    void rendersTheGoldenTable() {
        List<FixtureResult> results = List.of(
                judged("HeapLeakService", Map.of(), Samples.HEAP_LEAK, 121_400, 3L, 212 * MB),
                judged("ContainerLeakService", Map.of(), Samples.CONTAINER_LEAK, 120_900, 3L, 230 * MB),
                judged("SocketLeakService", Map.of("port", "40123"), Samples.SOCKET_LEAK, 60_200, 0L, 150 * MB),
                judged("NativeLeak", Map.of(), Samples.NATIVE_AND_FDS, 120_050, null, 140 * MB),
                judged("WarmupThenPlateau", Map.of(), Samples.NO_LEAK, 120_700, 1L, 180 * MB),
                judged("SawtoothCache", Map.of(), Samples.HEAP_LEAK, 120_300, 2L, 190 * MB),
                new FixtureResult(FixtureCatalogue.byName("FdChurn"), "error", null, Duration.ofMillis(900), 0L, 40 * MB,
                        "exit 2: leakwatch: Unmatched argument at index 0: 'diagnose'"));

        assertThat(ResultTable.markdown(results)).isEqualTo(Samples.text("expected-table.md"));
    }

    @Test
    void describesExpectations() {
        assertThat(ResultTable.expected(FixtureCatalogue.byName("HeapLeakService"))).isEqualTo("leak: heap (MetricPoint)");
        assertThat(ResultTable.expected(FixtureCatalogue.byName("NativeLeak"))).isEqualTo("leak: native; fds (journal-)");
        assertThat(ResultTable.expected(FixtureCatalogue.byName("FdChurn"))).isEqualTo("no leak");
    }

    private static FixtureResult judged(String fixture, Map<String, String> info, String sample, long millis, Long fullGcs, long rss) {
        FixtureCatalogue.Entry entry = FixtureCatalogue.byName(fixture);
        DiagnosisReading reading = Samples.reading(sample);
        return new FixtureResult(entry, reading.verdict(), Judgement.of(entry, info, reading), Duration.ofMillis(millis),
                fullGcs, rss, null);
    }
}
