package dev.leakwatch.core.trend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Series without a trend must not be called leaks. No significance test can promise zero: on
 * trendless noise one-sided p falls below {@code significance} (0.001) at exactly that rate, and
 * what is that noisy is usually also large enough to be material. So the bounds below are rates,
 * over enough series to resolve them: measured over 20,000 seeds, LEAK 0.10% and SUSPECT 0.61%.
 */
class NoTrendPropertyTest {

    private static final int SEEDS = 2_000;

    @Test
    void trendlessNoiseIsAlmostNeverFlagged() {
        Map<Decision, Integer> counts = new EnumMap<>(Decision.class);
        for (int seed = 1; seed <= SEEDS; seed++) {
            SyntheticShape.Case noise = NoTrendSeries.generate(new Random(seed));
            Decision decision = new TrendDetector(TrendSettings.defaultsFor(noise.resource()))
                    .evaluate(noise.series(), noise.limit())
                    .decision();
            counts.merge(decision, 1, Integer::sum);
        }

        assertThat(counts.getOrDefault(Decision.LEAK, 0)).as("%s", counts).isLessThanOrEqualTo(SEEDS / 400);
        assertThat(counts.getOrDefault(Decision.SUSPECT, 0)).as("%s", counts).isLessThanOrEqualTo(SEEDS * 15 / 1000);
        assertThat(counts.getOrDefault(Decision.NOT_ENOUGH_DATA, 0)).isZero();
    }
}
