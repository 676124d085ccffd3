package dev.leakwatch.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FullGcRateTest {
    private static final long MIN = 60_000;

    @Test
    void ratePerHourOverTheLastHourAfterFiveMinutes() {
        FullGcRate rate = new FullGcRate();
        assertThat(rate.update(0, 10)).isEmpty();
        assertThat(rate.update(4 * MIN, 11)).isEmpty();
        assertThat(rate.update(10 * MIN, 12).getAsDouble()).isEqualTo(12.0); // 2 in 10 min
        for (long m = 11; m <= 120; m++) {
            rate.update(m * MIN, 12 + (m >= 100 ? 4 : 0));
        }
        // Over the last hour (60..120 min): 4 full GCs.
        assertThat(rate.update(121 * MIN, 16).getAsDouble()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(rate.size()).isLessThanOrEqualTo(62);
    }

    @Test
    void aLowerCountStartsOver() {
        FullGcRate rate = new FullGcRate();
        rate.update(0, 50);
        rate.update(10 * MIN, 60);
        assertThat(rate.update(11 * MIN, 1)).isEmpty();
        assertThat(rate.size()).isEqualTo(1);
    }

    @Test
    void boundedWhateverTheSamplingRate() {
        FullGcRate rate = new FullGcRate();
        for (int i = 0; i < 10_000; i++) {
            rate.update(i, i);
        }
        assertThat(rate.size()).isLessThanOrEqualTo(FullGcRate.MAX_READINGS);
    }
}
