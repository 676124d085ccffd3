package dev.leakwatch.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PsFormatterTest {
    private static final long MIB = 1024 * 1024;

    @ParameterizedTest
    @CsvSource({"-1, -", "0, 0B", "1023, 1023B", "1024, 1.0K", "1536, 1.5K", "67108864, 64.0M", "6320816128, 5.9G"})
    void formatsBytesInBinaryUnits(long bytes, String text) {
        assertThat(PsFormatter.bytes(bytes)).isEqualTo(text);
    }

    @Test
    void showsHeapAfterGcAgainstMax() {
        String text = PsFormatter.text(List.of(jvmRow(OptionalLong.of(16 * MIB), OptionalLong.of(64 * MIB))));

        assertThat(text.lines().toList().get(1)).contains("16.0M/64.0M 25%", "17.0.15", "java -Xmx64m App");
        assertThat(text).doesNotContain("no GC yet");
    }

    @Test
    void marksTheHeapInUseOfAJvmThatHasNotCollectedYet() {
        String text = PsFormatter.text(List.of(jvmRow(OptionalLong.empty(), OptionalLong.of(64 * MIB))));

        assertThat(text.lines().toList().get(1)).contains("32.0M*/64.0M 50%");
        assertThat(text.lines().toList().get(2)).isEqualTo("* no GC yet: heap in use instead of after GC");
    }

    @Test
    void truncatesLongCommands() {
        PsRow row = new PsRow(1, "root", 0, 1, 1, "x".repeat(200), Optional.empty());

        String line = PsFormatter.text(List.of(row)).lines().toList().get(1);

        assertThat(line).endsWith("x".repeat(PsFormatter.COMMAND_WIDTH - 3) + "...");
    }

    @Test
    void writesEveryJvmFieldAsJson() throws IOException {
        JsonNode json = JsonMapper.builder().build()
                .readTree(PsFormatter.json(List.of(jvmRow(OptionalLong.of(16 * MIB), OptionalLong.empty()))));

        JsonNode jvm = json.get("processes").get(0).get("jvm");
        assertThat(jvm.get("javaVersion").asText()).isEqualTo("17.0.15");
        assertThat(jvm.get("vmVersion").asText()).isEqualTo("17.0.15+6");
        assertThat(jvm.get("heapUsedBytes").asLong()).isEqualTo(32 * MIB);
        assertThat(jvm.get("heapAfterGcBytes").asLong()).isEqualTo(16 * MIB);
        assertThat(jvm.get("heapMaxBytes").isNull()).isTrue();
        assertThat(jvm.get("oldGenAfterFullGcBytes").asLong()).isEqualTo(8 * MIB);
        assertThat(jvm.has("error")).isFalse();
    }

    private static PsRow jvmRow(OptionalLong afterGc, OptionalLong max) {
        PsRow.Jvm jvm = new PsRow.Jvm("17.0.15", "17.0.15+6", OptionalLong.of(32 * MIB), afterGc, max,
                OptionalLong.of(8 * MIB), Optional.empty());
        return new PsRow(4242, "app", 100 * MIB, 20, 30, "java -Xmx64m App", Optional.of(jvm));
    }
}
