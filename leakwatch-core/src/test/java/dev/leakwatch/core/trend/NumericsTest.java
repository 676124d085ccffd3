package dev.leakwatch.core.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The small numeric helpers behind the trend tests: selection, normal and Student tails. */
class NumericsTest {

    @Test
    void selectionAgreesWithSortingOnRandomArraysWithTies() {
        Random random = new Random(13);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(60);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(10); // many ties, like pairwise slopes of counts
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            int k = random.nextInt(n);

            assertThat(Medians.medianInPlace(values.clone(), n)).isEqualTo(expected);
            assertThat(Medians.select(values.clone(), n, k)).isEqualTo(sorted[k]);
        }
    }

    @Test
    void medianOfNothingIsAnError() {
        assertThatThrownBy(() -> Medians.medianInPlace(new double[3], 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void normalTailMatchesTables() {
        assertThat(NormalDistribution.upperTail(0)).isCloseTo(0.5, within(1e-7));
        assertThat(NormalDistribution.upperTail(1.96)).isCloseTo(0.0249979, within(1e-6));
        assertThat(NormalDistribution.upperTail(3)).isCloseTo(0.0013499, within(1e-6));
        assertThat(NormalDistribution.upperTail(-1.96)).isCloseTo(0.9750021, within(1e-6));
        assertThat(NormalDistribution.upperQuantile(0.005)).isCloseTo(2.5758293, within(1e-5));
    }

    @Test
    void studentQuantileMatchesTablesWithinTheExpansionsAccuracy() {
        assertThat(PlateauCheck.studentQuantile(0.005, 17)).isCloseTo(2.8982, within(0.01));
        assertThat(PlateauCheck.studentQuantile(0.01, 10)).isCloseTo(2.7638, within(0.02));
        assertThat(PlateauCheck.studentQuantile(0.005, 5)).isCloseTo(4.0321, within(0.15));
    }
}
