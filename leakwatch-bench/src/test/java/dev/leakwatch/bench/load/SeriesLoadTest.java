package dev.leakwatch.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.agent.store.FamilySnapshot;
import dev.leakwatch.agent.store.SeriesStore;
import dev.leakwatch.agent.store.StoreLimits;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeriesLoadTest {

    private static SeriesStore store(int maxSeries) {
        return new SeriesStore(new StoreLimits(maxSeries, 2000, Duration.ofMinutes(5), 2, 0, Set.of()));
    }

    @Test
    void steadyLoadHoldsExactlyThePoolWithoutFolding() {
        SeriesStore store = store(200_000);
        SeriesLoad load = new SeriesLoad(store, new SyntheticSeries(100_000), 100_000, Duration.ofSeconds(15));

        assertThat(load.runOnce()).isEqualTo(100_000);
        assertThat(load.runOnce()).isEqualTo(100_000);

        assertThat(store.size()).isEqualTo(100_000);
        assertThat(store.stats().dropped().values()).allMatch(n -> n == 0);
        for (FamilySnapshot family : store.snapshot()) {
            assertThat(family.points()).hasSizeLessThanOrEqualTo(SyntheticSeries.PER_METRIC);
        }
    }

    @Test
    void everyIdOfThePoolIsADistinctSeries() {
        SyntheticSeries population = new SyntheticSeries(3 * SyntheticSeries.PER_METRIC);
        Set<String> seen = new HashSet<>();
        for (int id = 0; id < population.pool(); id++) {
            seen.add(population.metric(id).name() + population.labels(id));
        }
        assertThat(seen).hasSize(population.pool());
    }

    @Test
    void aPoolLargerThanTheCapIsRefusedBeyondIt() {
        SeriesStore store = store(50_000);
        SeriesLoad load = new SeriesLoad(store, new SyntheticSeries(1_000_000), 100_000, Duration.ofSeconds(15));

        long first = load.runOnce();
        long second = load.runOnce();

        assertThat(first).isEqualTo(50_000);
        assertThat(second).isZero();
        assertThat(store.size()).isEqualTo(50_000);
    }

    @Test
    void countersGrowFromRunToRun() {
        SyntheticSeries population = new SyntheticSeries(SyntheticSeries.PER_METRIC);
        assertThat(population.metric(0).name()).endsWith("_total");
        assertThat(population.value(0, 2)).isGreaterThan(population.value(0, 1));
    }

    @Test
    void rejectsAnEmptyPool() {
        assertThatThrownBy(() -> new SyntheticSeries(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
