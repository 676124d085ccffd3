package dev.leakwatch.core.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SteadyGrowthTest {

    @Test
    void growthAtEveryStepIsSteady() {
        assertThat(SteadyGrowth.isSteadyGrowth(new long[] {100, 200, 300})).isTrue();
        assertThat(SteadyGrowth.isSteadyGrowth(new long[] {0, 10, 20, 30, 40})).isTrue();
    }

    @Test
    void growthThatStartsLateIsSteady() {
        assertThat(SteadyGrowth.isSteadyGrowth(new long[] {500, 500, 500, 600, 700})).isTrue();
    }

    @Test
    void aSmallDipIsNoise() {
        // net growth 300, allowed drop 30
        assertThat(SteadyGrowth.isSteadyGrowth(new long[] {1000, 1150, 1130, 1300})).isTrue();
    }

    @Test
    void aRealDropBreaksTheSeries() {
        assertThat(SteadyGrowth.isSteadyGrowth(new long[] {1000, 1150, 1050, 1300})).isFalse();
    }

    @Test
    void aOneTimeJumpIsNotSteadyGrowth() {
        assertThat(SteadyGrowth.isSteadyGrowth(new long[] {100, 1000, 1000, 1000})).isFalse();
        assertThat(SteadyGrowth.isSteadyGrowth(new long[] {100, 1000, 1010})).isFalse();
    }

    @Test
    void flatOrShrinkingIsNotGrowth() {
        assertThat(SteadyGrowth.isSteadyGrowth(new long[] {100, 100, 100})).isFalse();
        assertThat(SteadyGrowth.isSteadyGrowth(new long[] {300, 200, 100})).isFalse();
        assertThat(SteadyGrowth.isSteadyGrowth(new long[] {0, 0, 0})).isFalse();
    }

    @Test
    void tooFewReadingsAreNotEnough() {
        assertThat(SteadyGrowth.isSteadyGrowth(new long[] {100, 200})).isFalse();
        assertThat(SteadyGrowth.isSteadyGrowth(new long[] {100, 200}, 1)).isTrue();
        assertThat(SteadyGrowth.isSteadyGrowth(new long[] {100}, 1)).isFalse();
    }

    @Test
    void minRisesBelowOneIsABug() {
        assertThatThrownBy(() -> SteadyGrowth.isSteadyGrowth(new long[] {1, 2, 3}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minRises");
    }
}
