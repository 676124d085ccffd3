package dev.leakwatch.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesPrometheusStyleDurations() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("15s")).isEqualTo(Duration.ofSeconds(15));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse("1m1s1ms")).isEqualTo(Duration.ofMillis(61_001));
    }

    @Test
    void formatRoundTrips() {
        for (String s : new String[] {"0s", "500ms", "15s", "1h30m", "2d", "1m1s1ms"}) {
            assertThat(Durations.format(Durations.parse(s))).isEqualTo(s);
        }
    }

    @Test
    void rejectsOtherTextNamingIt() {
        assertThatThrownBy(() -> Durations.parse("5 minutes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"5 minutes\"");
        assertThatThrownBy(() -> Durations.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parse("99999999999999999999s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomTextOnlyEverThrowsIllegalArgument() {
        Random random = new Random(42);
        String alphabet = "0123456789msdh ._-";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            int len = random.nextInt(25);
            for (int j = 0; j < len; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                assertThat(Durations.parse(s.toString()).isNegative()).isFalse();
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }
}
