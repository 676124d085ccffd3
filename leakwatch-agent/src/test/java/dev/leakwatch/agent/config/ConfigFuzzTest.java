package dev.leakwatch.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random mutations of a real configuration must give a ConfigException with positions, nothing else. */
class ConfigFuzzTest {

    @Test
    void mutatedConfigsOnlyEverGiveConfigErrors() throws IOException {
        String original = Files.readString(ConfigLoaderTest.resource("full.yml"));
        Random random = new Random(7);
        String noise = ":-[]{}\n \t#&*!|>'\"%@`,?0123456789abc";
        int rejected = 0;
        for (int i = 0; i < 1_000; i++) {
            StringBuilder s = new StringBuilder(original);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && s.length() > 0; e++) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, noise.charAt(random.nextInt(noise.length())));
                    default -> s.setCharAt(at, noise.charAt(random.nextInt(noise.length())));
                }
            }
            try {
                ConfigLoader.parse(s.toString(), "fuzz.yml");
            } catch (ConfigException e) {
                rejected++;
                assertThat(e.errors()).allSatisfy(err -> assertThat(err.message()).isNotBlank());
            }
        }
        assertThat(rejected).as("most mutations break something").isGreaterThan(250);
    }
}
