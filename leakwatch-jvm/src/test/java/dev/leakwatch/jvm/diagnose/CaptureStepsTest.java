package dev.leakwatch.jvm.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.core.series.Sample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureStepsTest {

    @Test
    void stepAtACaptureIsTakenOutOfLaterReadings() {
        List<Sample> flatWithStep = series(70, 70, 70, 80, 80, 80);
        List<Sample> corrected = CaptureSteps.remove(flatWithStep, List.of(2_500L));
        assertThat(corrected).extracting(Sample::value).containsExactly(70.0, 70.0, 70.0, 70.0, 70.0, 70.0);
    }

    @Test
    void steadyGrowthKeepsItsSlopeMinusOneInterval() {
        List<Sample> leak = series(10, 11, 12, 13, 14, 15);
        List<Sample> corrected = CaptureSteps.remove(leak, List.of(2_500L));
        assertThat(corrected).extracting(Sample::value).containsExactly(10.0, 11.0, 12.0, 12.0, 13.0, 14.0);
    }

    @Test
    void capturesOutsideTheSeriesChangeNothing() {
        List<Sample> s = series(1, 2, 3);
        assertThat(CaptureSteps.remove(s, List.of(-5L, 99_000L))).isEqualTo(s);
    }

    private static List<Sample> series(double... values) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(new Sample(i * 1000L, values[i]));
        }
        return out;
    }
}
