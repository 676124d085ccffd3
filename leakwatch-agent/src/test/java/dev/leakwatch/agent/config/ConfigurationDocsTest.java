package dev.leakwatch.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every setting the loader reads is documented in docs/configuration.md, with its default. */
class ConfigurationDocsTest {

    @Test
    void everySettingIsDocumented() throws IOException {
        Path docs = Path.of("..", "docs", "configuration.md");
        String text = Files.readString(docs);
        Set<String> schema = ConfigLoader.schema(Files.readString(ConfigLoaderTest.resource("full.yml")));
        assertThat(schema).contains("store.max_series", "collectors.processes.watch[].regex");
        assertThat(schema).allSatisfy(setting ->
                assertThat(text).as("docs/configuration.md documents %s", setting).contains("`" + setting + "`"));
    }
}
