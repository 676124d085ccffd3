package dev.leakwatch.core.fd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GrowthRankingTest {

    @Test
    void kendallSCountsConcordantMinusDiscordantPairs() {
        assertThat(GrowthRanking.kendallS(new int[] {1, 2, 3, 4})).isEqualTo(6);
        assertThat(GrowthRanking.kendallS(new int[] {4, 3, 2, 1})).isEqualTo(-6);
        assertThat(GrowthRanking.kendallS(new int[] {10, 80, 5, 90, 8, 95})).isEqualTo(5);
        assertThat(GrowthRanking.kendallS(new int[] {3, 3, 3})).isZero();
    }

    @Test
    void theilSenIgnoresASpike() {
        long[] times = {0, 1, 2, 3, 4};
        assertThat(GrowthRanking.trendGrowth(times, new int[] {0, 10, 20, 30, 40}, 40)).isCloseTo(40, within(1e-9));
        assertThat(GrowthRanking.trendGrowth(times, new int[] {0, 10, 500, 30, 40}, 40)).isCloseTo(40, within(1e-9));
        assertThat(GrowthRanking.trendGrowth(new long[] {5, 5}, new int[] {1, 4}, 3))
                .as("no time elapsed: fall back to the net growth")
                .isEqualTo(3);
    }

    @Test
    void unevenlySpacedSamplesUseRealTime() {
        long[] times = {0, 1_000, 10_000};
        assertThat(GrowthRanking.trendGrowth(times, new int[] {0, 1, 10}, 10)).isCloseTo(10, within(1e-9));
    }

    @Test
    void steadyGrowthOutranksChurnWithALargerNetDifference() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int samples = 6 + random.nextInt(20);
            int step = 3 + random.nextInt(5);
            int amplitude = 2 * samples * step; // wider than the whole steady growth
            List<Long> times = new ArrayList<>();
            List<Map<String, Integer>> counts = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                times.add(i * 5_000L);
                boolean high = i % 2 == 1 || i == samples - 1;
                Map<String, Integer> sample = new HashMap<>();
                sample.put("steady", 10 + i * step);
                sample.put("churn", 20 + (high ? amplitude : 0) + random.nextInt(3));
                counts.add(sample);
            }
            List<GrowthRanking.Ranked<String>> ranked = GrowthRanking.rank(times, counts);
            assertThat(ranked).isNotEmpty();
            assertThat(ranked.get(0).key()).as("round %d: %s", round, counts).isEqualTo("steady");
        }
    }
}
