package dev.leakwatch.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.leakwatch.agent.config.AgentConfig;
import dev.leakwatch.agent.config.ConfigException;
import dev.leakwatch.agent.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The files under deploy/ hold together: valid configurations, the mounts and settings the agent needs. */
class DeployFilesTest {
    private static final Path DEPLOY = Path.of("..", "deploy");

    private static List<JsonNode> manifests() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class)
                .readValues(DEPLOY.resolve("kubernetes/leakwatch-daemonset.yaml").toFile())) {
            while (it.hasNext()) {
                docs.add(it.next());
            }
        }
        return docs;
    }

    private static JsonNode kind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }

    @Test
    void theSystemdConfigurationIsValid() throws ConfigException {
        AgentConfig c = ConfigLoader.load(DEPLOY.resolve("systemd/leakwatch.yml"));
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/leakwatch"));
        assertThat(c.listeners().admin().address().isLoopback()).isTrue();
    }

    @Test
    void theSystemdUnitReloadsOnHupAndOutlastsTheShutdownTimeout() throws IOException, ConfigException {
        String unit = Files.readString(DEPLOY.resolve("systemd/leakwatch.service"));
        assertThat(unit).contains("ExecReload=/bin/kill -HUP $MAINPID").contains("SuccessExitStatus=143")
                .contains("PrivateTmp=no").contains("StateDirectory=leakwatch")
                .contains("agent --config /etc/leakwatch/leakwatch.yml");
        Matcher m = Pattern.compile("TimeoutStopSec=(\\d+)s").matcher(unit);
        assertThat(m.find()).isTrue();
        Duration shutdown = ConfigLoader.load(DEPLOY.resolve("systemd/leakwatch.yml")).shutdownTimeout();
        assertThat(Duration.ofSeconds(Long.parseLong(m.group(1)))).isGreaterThan(shutdown);
    }

    @Test
    void theDaemonSetSeesTheHostAndItsConfigIsValid() throws IOException, ConfigException {
        List<JsonNode> docs = manifests();
        JsonNode pod = kind(docs, "DaemonSet").path("spec").path("template").path("spec");
        assertThat(pod.path("hostPID").asBoolean()).isTrue();
        List<String> hostPaths = new ArrayList<>();
        pod.path("volumes").forEach(v -> hostPaths.add(v.path("hostPath").path("path").asText()));
        assertThat(hostPaths).contains("/proc", "/sys", "/tmp", "/");
        JsonNode container = pod.path("containers").get(0);
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/-/ready");
        assertThat(container.path("securityContext").path("capabilities").path("add").toString())
                .contains("SYS_PTRACE");

        String config = kind(docs, "ConfigMap").path("data").path("leakwatch.yml").asText();
        AgentConfig c = ConfigLoader.parse(config, "ConfigMap leakwatch-config");
        assertThat(c.collectors().host().procPath()).isEqualTo(Path.of("/host/proc"));
        assertThat(c.collectors().jvms().tmpPath()).isEqualTo(Path.of("/host/tmp"));
        List<String> mounts = new ArrayList<>();
        container.path("volumeMounts").forEach(v -> mounts.add(v.path("mountPath").asText()));
        assertThat(mounts).contains(c.collectors().host().procPath().toString(), c.collectors().host().sysPath().toString(),
                c.collectors().host().rootfsPath().toString(), c.collectors().jvms().tmpPath().toString(),
                c.dataDir().toString(), "/etc/leakwatch");
        assertThat(Duration.ofSeconds(pod.path("terminationGracePeriodSeconds").asLong())).isGreaterThan(c.shutdownTimeout());
    }
}
