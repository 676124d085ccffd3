package dev.leakwatch.core.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.leakwatch.core.series.Sample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TheilSenTest {

    private static final long T0 = 1_767_225_600_000L;

    @Test
    void exactLineIsRecoveredExactly() {
        List<Sample> line = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            line.add(new Sample(T0 + i * 5_000L, 1000 + 2.5 * i * 5_000));
        }
        TheilSen.Fit fit = TheilSen.fit(line);

        assertThat(fit.slopePerMilli()).isCloseTo(2.5, within(1e-12));
        assertThat(fit.slopePerMinute()).isCloseTo(150_000, within(1e-6));
        assertThat(fit.intercept()).isCloseTo(1000, within(1e-6));
        assertThat(fit.valueAtOffset(10_000)).isCloseTo(26_000, within(1e-6));
    }

    @Test
    void knownSlopesUnderNoiseAreRecovered() {
        Random random = new Random(3);
        for (double slopePerMinute : new double[] {-50, 0, 1, 1_000_000}) {
            List<Sample> series = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                double minutes = i / 12.0;
                series.add(new Sample(T0 + i * 5_000L, 500 + slopePerMinute * minutes + random.nextGaussian()));
            }
            // Noise sd 1 over 16.6 minutes: slope error well under 0.05 per minute.
            assertThat(TheilSen.fit(series).slopePerMinute()).as("slope %s", slopePerMinute)
                    .isCloseTo(slopePerMinute, within(0.05));
        }
    }

    @Test
    void thirtyPercentOutliersBarelyMoveTheSlope() {
        Random random = new Random(5);
        List<Sample> series = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            double value = 100 + 2.0 * i + random.nextGaussian();
            if (random.nextDouble() < 0.3) {
                value += 500 + 500 * random.nextDouble(); // a burst of garbage that a late GC had not collected
            }
            series.add(new Sample(T0 + i * 60_000L, value));
        }
        double robust = TheilSen.fit(series).slopePerMinute();
        double leastSquares = leastSquaresSlopePerMinute(series);

        assertThat(robust).isCloseTo(2.0, within(0.2));
        assertThat(Math.abs(leastSquares - 2.0)).as("least squares is dragged by the same outliers")
                .isGreaterThan(5 * Math.abs(robust - 2.0));
    }

    @Test
    void interceptIsTheFittedValueAtTheFirstSampleWhateverTheInputOrder() {
        List<Sample> series = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            series.add(new Sample(T0 + i * 1_000L, 7 + 3.0 * i * 1_000));
        }
        List<Sample> shuffled = new ArrayList<>(series);
        Collections.shuffle(shuffled, new Random(1));
        shuffled.remove(series.get(0));
        shuffled.add(0, series.get(0));

        TheilSen.Fit fit = TheilSen.fit(shuffled);
        assertThat(fit.slopePerMilli()).isCloseTo(3.0, within(1e-12));
        assertThat(fit.intercept()).isCloseTo(7, within(1e-9));
    }

    @Test
    void samplesAtTheSameTimeCarryNoSlope() {
        TheilSen.Fit fit = TheilSen.fit(List.of(new Sample(T0, 1), new Sample(T0, 9), new Sample(T0, 5)));

        assertThat(fit.slopePerMilli()).isZero();
        assertThat(fit.intercept()).isEqualTo(5);
        assertThat(TheilSen.fit(List.of(new Sample(T0, 42)))).isEqualTo(new TheilSen.Fit(0, 42));
    }

    @Test
    void longSeriesAreSubsampledAndStillExact() {
        List<Sample> series = new ArrayList<>();
        for (int i = 0; i < 7_000; i++) {
            series.add(new Sample(T0 + i * 1_000L, 10 + 0.5 * i * 1_000));
        }
        TheilSen.Fit fit = TheilSen.fit(series);

        assertThat(fit.slopePerMilli()).isCloseTo(0.5, within(1e-12));
        assertThat(fit.intercept()).isCloseTo(10, within(1e-6));
    }

    @Test
    void rejectsEmptyAndNonFiniteInput() {
        assertThatThrownBy(() -> TheilSen.fit(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TheilSen.fit(List.of(new Sample(T0, 1), new Sample(T0 + 1, Double.POSITIVE_INFINITY))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Infinity");
    }

    @Test
    void subsamplingKeepsEndsAndBound() {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            items.add(i);
        }
        List<Integer> kept = Subsample.evenly(items, 2000);

        assertThat(kept).hasSize(2000).startsWith(0).endsWith(10_000).isSorted().doesNotHaveDuplicates();
        assertThat(Subsample.evenly(items.subList(0, 5), 2000)).containsExactly(0, 1, 2, 3, 4);
    }

    private static double leastSquaresSlopePerMinute(List<Sample> series) {
        double n = series.size();
        double mt = 0;
        double mv = 0;
        for (Sample s : series) {
            mt += s.timeMillis() / n;
            mv += s.value() / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (Sample s : series) {
            sxy += (s.timeMillis() - mt) * (s.value() - mv);
            sxx += (s.timeMillis() - mt) * (s.timeMillis() - mt);
        }
        return sxy / sxx * 60_000;
    }
}
