package dev.leakwatch.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    static Path resource(String name) {
        try {
            return Path.of(ConfigLoaderTest.class.getResource("/config/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void defaultsAreLoopbackListenersLocalDataAndHostSelfAndJvms() {
        AgentConfig c = ConfigLoader.defaults();
        assertThat(c.listeners().metrics()).isEqualTo(new ListenAddress("127.0.0.1", 9465));
        assertThat(c.listeners().admin().address()).isEqualTo(new ListenAddress("127.0.0.1", 6060));
        assertThat(c.listeners().admin().tokenFile()).isEmpty();
        assertThat(c.listeners().admin().heapDumpEnabled()).isFalse();
        assertThat(c.dataDir()).isEqualTo(Path.of("./leakwatch-data"));
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.store().maxSeries()).isEqualTo(100_000);
        assertThat(c.store().maxSeriesPerMetric()).isEqualTo(2_000);
        assertThat(c.store().seriesTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.collectors().host().schedule().enabled()).isTrue();
        assertThat(c.collectors().self().enabled()).isTrue();
        assertThat(c.collectors().jvms().schedule().enabled()).isTrue();
        assertThat(c.collectors().jvms().tmpPath()).isEqualTo(Path.of("/tmp"));
        assertThat(c.collectors().processes().allJvms()).isTrue();
        assertThat(c.collectors().processes().watch()).isEmpty();
        assertThat(c.leakWatch()).isEqualTo(new AgentConfig.LeakWatch(true, Duration.ofSeconds(15), Duration.ofMinutes(15),
                Duration.ofSeconds(30), Duration.ofMinutes(5), new AgentConfig.Capture(true, Duration.ofSeconds(60), Duration.ofMinutes(30), 4)));
    }

    @Test
    void leakWatchSettingsAreReadAndCheckedTogether() throws ConfigException {
        AgentConfig c = ConfigLoader.load(resource("full.yml"));
        assertThat(c.leakWatch()).isEqualTo(new AgentConfig.LeakWatch(true, Duration.ofMinutes(1), Duration.ofMinutes(30),
                Duration.ofMinutes(1), Duration.ofMinutes(10), new AgentConfig.Capture(true, Duration.ofSeconds(90), Duration.ofHours(1), 2)));

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse("""
                leak_watch:
                  interval: 1m
                  window: 30s
                  capture:
                    duration: 5s
                    max_per_hour: -1
                """, "t.yml"));
        assertThat(e.errors()).extracting(err -> err.setting() + ": " + err.message()).containsExactly(
                "leak_watch.window: must be at least the interval (1m), got 30s",
                "leak_watch.capture.duration: must be at least 10s, got 5s",
                "leak_watch.capture.max_per_hour: must be between 0 and 3600, got -1");
        ConfigException budget = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(
                "leak_watch:\n  capture:\n    duration: 2m\n    per_process_interval: 1m\n", "t.yml"));
        assertThat(budget.errors()).singleElement().asString()
                .endsWith("leak_watch.capture.per_process_interval: must be at least the capture duration (2m), got 1m");
    }

    @Test
    void readsEverySettingOfTheFullExample() throws ConfigException {
        AgentConfig c = ConfigLoader.load(resource("full.yml"));
        assertThat(c.listeners().metrics().port()).isEqualTo(19465);
        assertThat(c.listeners().admin().heapDumpEnabled()).isTrue();
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/leakwatch"));
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.logLevel()).isEqualTo("debug");
        assertThat(c.store().maxSeries()).isEqualTo(50_000);
        assertThat(c.store().history().samples()).isEqualTo(120);
        assertThat(c.store().history().metrics()).containsExactly("jvm_memory_old_gen_after_gc_bytes", "process_open_fds");
        assertThat(c.collectors().host().procPath()).isEqualTo(Path.of("/host/proc"));
        assertThat(c.collectors().host().netDevicesExclude().matcher("veth12").matches()).isTrue();
        assertThat(c.collectors().host().schedule().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.collectors().processes().allJvms()).isFalse();
        List<WatchRule> watch = c.collectors().processes().watch();
        assertThat(watch).hasSize(4);
        assertThat(watch.get(0)).isEqualTo(new WatchRule.Name("nginx"));
        assertThat(watch.get(1).matches(1, "postgres", "postgres: 14/main: writer")).isTrue();
        assertThat(watch.get(2)).isEqualTo(new WatchRule.Pid(4242));
        assertThat(watch.get(3).matches(7, "java", "java -Xmx1g -jar app.jar --port 80")).isTrue();
        assertThat(c.collectors().jvms().schedule().enabled()).isFalse();
        assertThat(c.collectors().jvms().tmpPath()).isEqualTo(Path.of("/host/tmp"));
    }

    @Test
    void reportsEveryErrorWithLineAndColumn() {
        List<ConfigError> errors = ConfigLoader.check(resource("five-errors.yml"));
        assertThat(errors).extracting(e -> e.position().line() + ":" + e.position().column() + " " + e.setting())
                .containsExactly(
                        "3:14 listeners.metrics.address",
                        "5:15 store.max_series",
                        "6:3 store.series_tll",
                        "9:15 collectors.host.interval",
                        "12:9 collectors.processes.watch[0]");
        assertThat(errors.get(0).message()).contains("99999");
        assertThat(errors.get(1).message()).contains("-5");
        assertThat(errors.get(2).message()).startsWith("unknown setting").contains("series_ttl");
        assertThat(errors.get(3).message()).contains("15 seconds");
        assertThat(errors.get(4).message()).contains("exactly one of name, regex, pid, cmdline");
        assertThat(errors.get(1).toString()).endsWith("five-errors.yml:5:15: store.max_series: "
                + "must be between 1 and 10000000, got -5");
    }

    @Test
    void syntaxErrorIsReportedWithItsPosition() {
        List<ConfigError> errors = ConfigLoader.check(resource("syntax-error.yml"));
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).message()).startsWith("invalid YAML");
        assertThat(errors.get(0).position().line()).isEqualTo(3);
    }

    @Test
    void duplicateSettingIsAnError() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("store:\n  max_series: 1\n  max_series: 2\n", "t.yml"));
        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.setting()).isEqualTo("store.max_series");
            assertThat(err.position()).isEqualTo(new Position(3, 3));
            assertThat(err.message()).contains("duplicate").contains("line 2");
        });
    }

    @Test
    void wrongShapesAreErrorsNotCrashes() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(
                "store: 5\ncollectors:\n  processes:\n    watch: nginx\n    all_jvms: maybe\n", "t.yml"));
        assertThat(e.errors()).extracting(ConfigError::setting)
                .containsExactly("store", "collectors.processes.watch", "collectors.processes.all_jvms");
        assertThatThrownBy(() -> ConfigLoader.parse("- a\n- b\n", "t.yml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("top level");
    }

    @Test
    void nonLoopbackAdminNeedsAToken(@TempDir Path dir) throws IOException, ConfigException {
        assertThatThrownBy(() -> ConfigLoader.parse("listeners:\n  admin:\n    address: 0.0.0.0:6060\n", "t.yml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("listeners.admin.address")
                .hasMessageContaining("token_file");
        Path token = Files.writeString(dir.resolve("token"), "s3cret\n");
        AgentConfig c = ConfigLoader.parse("listeners:\n  admin:\n    address: 0.0.0.0:6060\n    token_file: "
                + token + "\n", "t.yml");
        assertThat(c.listeners().admin().tokenFile()).contains(token);
    }

    @Test
    void listenersCannotShareAnAddress() {
        assertThatThrownBy(() -> ConfigLoader.parse(
                "listeners:\n  metrics:\n    address: 127.0.0.1:7000\n  admin:\n    address: 127.0.0.1:7000\n", "t.yml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot share");
    }

    @Test
    void missingFileIsOneErrorNamingIt(@TempDir Path dir) {
        List<ConfigError> errors = ConfigLoader.check(dir.resolve("nope.yml"));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.source()).endsWith("nope.yml");
            assertThat(e.message()).startsWith("cannot read the file");
        });
    }

    @Test
    void nullValuesTakeTheDefault() throws ConfigException {
        AgentConfig c = ConfigLoader.parse("store:\n  max_series:\ncollectors:\n", "t.yml");
        assertThat(c.store().maxSeries()).isEqualTo(AgentConfig.Store.DEFAULT_MAX_SERIES);
    }
}
