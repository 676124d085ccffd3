package dev.leakwatch.core.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MannKendallTest {

    @Test
    void strictlyIncreasingFiveValuesHasTheSmallestExactP() {
        MannKendall.Result r = MannKendall.test(new double[] {1, 2, 3, 4, 5});

        // All 10 pairs concordant; only 1 of the 5! = 120 orders does that.
        assertThat(r.s()).isEqualTo(10);
        assertThat(r.tau()).isEqualTo(1.0);
        assertThat(r.pValueIncreasing()).isCloseTo(1.0 / 120, within(1e-12));
        assertThat(r.pValue()).isCloseTo(2.0 / 120, within(1e-12));
    }

    @Test
    void oneSwapAmongFiveMatchesKendallsTable() {
        MannKendall.Result r = MannKendall.test(new double[] {1, 2, 3, 5, 4});

        // S = 10 - 2 * 1 inversion; P(S >= 8) = (1 + 4 orders with <= 1 inversion) / 120 = 0.042 in Kendall's table.
        assertThat(r.s()).isEqualTo(8);
        assertThat(r.pValueIncreasing()).isCloseTo(5.0 / 120, within(1e-12));
        assertThat(r.tau()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void tenValuesWithThreeSwapsUseTheExactDistribution() {
        MannKendall.Result r = MannKendall.test(new double[] {1, 3, 2, 4, 6, 5, 7, 9, 8, 10});

        assertThat(r.s()).isEqualTo(39);
        // Exact two-sided p for n = 10, S = 39: 2 * 209 / 10!, 209 = 1 + 9 + 44 + 155 orders with at most 3 inversions.
        assertThat(r.pValue()).isCloseTo(1.1518959435626102e-4, within(1e-12));
    }

    @Test
    void tiesReduceTheVarianceAndUseTheNormalApproximation() {
        MannKendall.Result r = MannKendall.test(new double[] {1, 1, 2, 2, 3});

        // By hand: S = 8; Var = [5*4*15 - 2 * (2*1*9)] / 18 = 264/18; Z = (8 - 1) / sqrt(264/18).
        assertThat(r.s()).isEqualTo(8);
        assertThat(r.z()).isCloseTo(7 / Math.sqrt(264.0 / 18), within(1e-12));
        assertThat(r.z()).isCloseTo(1.8278153875, within(1e-9));
        assertThat(r.pValue()).isCloseTo(0.0675772631, within(1e-6));
        // tau-b = S / sqrt((10 - 2 tied pairs) * 10).
        assertThat(r.tau()).isCloseTo(8 / Math.sqrt(80), within(1e-12));
    }

    @Test
    void decreasingSeriesGivesNoEvidenceOfGrowth() {
        MannKendall.Result r = MannKendall.test(new double[] {9, 7, 8, 5, 4, 2, 1, 0});

        assertThat(r.s()).isNegative();
        assertThat(r.tau()).isNegative();
        assertThat(r.pValue()).isLessThan(0.01);
        assertThat(r.pValueIncreasing()).isGreaterThan(0.99);
    }

    @Test
    void constantSeriesCarriesNoOrderingInformation() {
        MannKendall.Result r = MannKendall.test(new double[] {4, 4, 4, 4, 4, 4});

        assertThat(r).isEqualTo(new MannKendall.Result(0, 0, 1, 0));
        assertThat(r.pValueIncreasing()).isEqualTo(0.5);
    }

    @Test
    void fewerThanTwoValuesCarryNoEvidence() {
        assertThat(MannKendall.test(new double[0]).pValue()).isEqualTo(1);
        assertThat(MannKendall.test(new double[] {3}).pValue()).isEqualTo(1);
    }

    @Test
    void largeSeriesUsesTheNormalApproximation() {
        double[] values = new double[60];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        MannKendall.Result r = MannKendall.test(values);

        assertThat(r.s()).isEqualTo(1770);
        assertThat(r.z()).isCloseTo(1769 / Math.sqrt(60 * 59 * 125 / 18.0), within(1e-9));
        assertThat(r.pValue()).isLessThan(1e-20);
    }

    @Test
    void rejectsNonFiniteValues() {
        assertThatThrownBy(() -> MannKendall.test(new double[] {1, Double.NaN, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN")
                .hasMessageContaining("index 1");
    }

    /** The recursion against brute force: every order of n distinct values, counted. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7})
    void exactTailMatchesEnumerationOfAllOrders(int n) {
        Map<Long, Integer> countByS = new HashMap<>();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int total = 0;
        do {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = order[i];
            }
            countByS.merge(MannKendall.statistic(values), 1, Integer::sum);
            total++;
        } while (nextPermutation(order));

        int pairs = n * (n - 1) / 2;
        for (long s = -pairs; s <= pairs; s++) {
            long atLeast = 0;
            for (Map.Entry<Long, Integer> e : countByS.entrySet()) {
                if (e.getKey() >= s) {
                    atLeast += e.getValue();
                }
            }
            assertThat(MannKendall.exactUpperTail(n, s)).as("n=%d s=%d", n, s)
                    .isCloseTo((double) atLeast / total, within(1e-12));
        }
    }

    @Test
    void exactAndNormalAgreeAtTheHandOver() {
        Random random = new Random(7);
        int n = MannKendall.EXACT_MAX_N;
        for (int trial = 0; trial < 20; trial++) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = 0.05 * i + random.nextGaussian();
            }
            MannKendall.Result exact = MannKendall.test(values);
            double normal = Math.min(1, 2 * NormalDistribution.upperTail(Math.abs(exact.z())));
            assertThat(exact.pValue()).isCloseTo(normal, within(0.005));
        }
    }

    @Test
    void pValuesAreUniformWithoutTrend() {
        Random random = new Random(11);
        int below5 = 0;
        int trials = 2000;
        for (int trial = 0; trial < trials; trial++) {
            double[] values = new double[20];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextGaussian();
            }
            if (MannKendall.test(values).pValueIncreasing() < 0.05) {
                below5++;
            }
        }
        // Binomial(2000, 0.05): mean 100, sd under 10.
        assertThat(below5).isBetween(70, 130);
    }

    private static boolean nextPermutation(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
            t = a[l];
            a[l] = a[r];
            a[r] = t;
        }
        return true;
    }
}
