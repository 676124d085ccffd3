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

class LowerEnvelopeTest {

    private static final long T0 = 1_767_225_600_000L;

    @Test
    void keepsTheMinimumOfEachBucketAtItsOwnTime() {
        List<Sample> readings = List.of(
                new Sample(T0, 50), new Sample(T0 + 4_000, 30), new Sample(T0 + 9_000, 40),
                new Sample(T0 + 10_000, 70), new Sample(T0 + 19_999, 60),
                new Sample(T0 + 35_000, 10));

        assertThat(LowerEnvelope.of(readings, 10_000)).containsExactly(
                new Sample(T0 + 4_000, 30), new Sample(T0 + 19_999, 60), new Sample(T0 + 35_000, 10));
    }

    @Test
    void orderOfReadingsDoesNotMatterAndTiesKeepTheEarliest() {
        List<Sample> readings = new ArrayList<>(List.of(
                new Sample(T0 + 1_000, 5), new Sample(T0 + 2_000, 5), new Sample(T0 + 3_000, 8),
                new Sample(T0 + 12_000, 9)));
        Collections.shuffle(readings, new Random(2));

        assertThat(LowerEnvelope.of(readings, 10_000))
                .containsExactly(new Sample(T0 + 1_000, 5), new Sample(T0 + 12_000, 9));
    }

    @Test
    void ignoresNonFiniteReadingsAndEmptyInput() {
        assertThat(LowerEnvelope.of(List.of(new Sample(T0, Double.NaN), new Sample(T0 + 1, 3)), 1_000))
                .containsExactly(new Sample(T0 + 1, 3));
        assertThat(LowerEnvelope.of(List.of(), 1_000)).isEmpty();
    }

    @Test
    void rejectsANonPositiveBucket() {
        assertThatThrownBy(() -> LowerEnvelope.of(List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bucketMillis")
                .hasMessageContaining("0");
    }

    @Test
    void flattensASawToothButFollowsALeak() {
        Random random = new Random(9);
        List<Sample> sawTooth = new ArrayList<>();
        List<Sample> leakingSawTooth = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            double seconds = i * 5;
            double cache = 40e6 * ((seconds % 60) / 60);
            double noise = random.nextDouble() * 1e5;
            sawTooth.add(new Sample(T0 + i * 5_000L, 100e6 + cache + noise));
            leakingSawTooth.add(new Sample(T0 + i * 5_000L, 100e6 + 1e6 * seconds / 60 + cache + noise));
        }
        List<Sample> flat = LowerEnvelope.of(sawTooth, 60_000);
        List<Sample> rising = LowerEnvelope.of(leakingSawTooth, 60_000);

        assertThat(flat).hasSize(10).allSatisfy(s -> assertThat(s.value()).isCloseTo(100e6, within(1e5)));
        assertThat(TheilSen.fit(rising).slopePerMinute()).isCloseTo(1e6, within(2e4));
    }
}
