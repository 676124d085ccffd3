package dev.leakwatch.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.agent.config.AgentConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsChangeTest {
    private static final AgentConfig.LeakWatch BASE = WatchHarness.defaults();

    @Test
    void theSameSettingsChangeNothing() {
        AgentConfig.LeakWatch copy = new AgentConfig.LeakWatch(BASE.enabled(), BASE.interval(), BASE.window(),
                BASE.warmup(), BASE.selfWarmup(), new AgentConfig.Capture(BASE.capture().enabled(),
                        BASE.capture().duration(), BASE.capture().perProcessInterval(), BASE.capture().maxPerHour()));
        SettingsChange change = SettingsChange.between(BASE, copy);
        assertThat(change.isEmpty()).isTrue();
        assertThat(change.describe()).isEmpty();
    }

    @Test
    void everyChangedSettingIsNamedWithItsOldAndNewValueAsWrittenInTheFile() {
        AgentConfig.LeakWatch next = new AgentConfig.LeakWatch(false, Duration.ofSeconds(5), Duration.ofMinutes(90),
                Duration.ofMillis(1500), Duration.ofMinutes(10),
                new AgentConfig.Capture(false, Duration.ofSeconds(20), Duration.ofHours(1), 2));
        assertThat(SettingsChange.between(BASE, next).describe()).isEqualTo("enabled true -> false, interval 30s -> 5s,"
                + " window 15m -> 1h30m, warmup 30s -> 1s500ms, self_warmup 30s -> 10m, capture.enabled true -> false,"
                + " capture.duration 1m -> 20s, capture.per_process_interval 30m -> 1h, capture.max_per_hour 4 -> 2");
    }

    @Test
    void onlyWhatChangedIsNamed() {
        AgentConfig.LeakWatch next = new AgentConfig.LeakWatch(true, BASE.interval(), Duration.ofMinutes(5),
                BASE.warmup(), BASE.selfWarmup(), new AgentConfig.Capture(true, BASE.capture().duration(),
                        BASE.capture().perProcessInterval(), 8));
        assertThat(SettingsChange.between(BASE, next).changes())
                .containsExactly("window 15m -> 5m", "capture.max_per_hour 4 -> 8");
    }
}
