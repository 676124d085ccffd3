package dev.leakwatch.jvm.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CapturePlanTest {

    @Test
    void defaultWindowTakesThreeCapturesAfterWarmupEndingAtTheEnd() {
        CapturePlan plan = CapturePlan.of(DiagnoseRequest.of(42));

        assertThat(plan.points()).containsExactly(Duration.ofSeconds(12), Duration.ofSeconds(66), Duration.ofSeconds(120));
    }

    @Test
    void longerWindowsTakeMoreHistogramsUpToTheCap() {
        assertThat(new DiagnoseRequest(1, Duration.ofMinutes(5), Duration.ofSeconds(5), 0).histograms()).isEqualTo(5);
        assertThat(new DiagnoseRequest(1, Duration.ofMinutes(30), Duration.ofSeconds(5), 0).histograms()).isEqualTo(6);
        assertThat(new DiagnoseRequest(1, Duration.ofMinutes(30), Duration.ofSeconds(5), 3).histograms()).isEqualTo(3);
    }

    @Test
    void eachPointIsDueExactlyOnceAcrossConsecutiveRounds() {
        CapturePlan plan = CapturePlan.of(DiagnoseRequest.of(42));
        int due = 0;
        for (int s = 5; s <= 120; s += 5) {
            if (plan.due(Duration.ofSeconds(s - 5), Duration.ofSeconds(s))) {
                due++;
            }
        }
        assertThat(due).isEqualTo(3);
    }

    @Test
    void rejectsRequestsThatCannotSampleEnough() {
        assertThatThrownBy(() -> new DiagnoseRequest(1, Duration.ofSeconds(10), Duration.ofSeconds(5), 0))
                .hasMessageContaining("fewer than 4 samples");
        assertThatThrownBy(() -> new DiagnoseRequest(0, Duration.ofSeconds(60), Duration.ofSeconds(5), 0))
                .hasMessageContaining("pid must be positive");
        assertThatThrownBy(() -> new DiagnoseRequest(1, Duration.ofSeconds(60), Duration.ofSeconds(5), 9))
                .hasMessageContaining("between 3 and 6");
    }
}
