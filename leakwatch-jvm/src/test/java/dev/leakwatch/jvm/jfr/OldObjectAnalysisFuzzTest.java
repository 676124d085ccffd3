package dev.leakwatch.jvm.jfr;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random damage to recorded JFR files: the analysis answers with samples or an IOException, nothing else. */
class OldObjectAnalysisFuzzTest {

    @TempDir
    Path dir;

    @Test
    void damagedRecordingsAnalyseOrFailWithIoException() throws IOException {
        byte[][] recorded = {
            Files.readAllBytes(OldObjectAnalysisTest.recording(17)), Files.readAllBytes(OldObjectAnalysisTest.recording(25))};
        Random random = new Random(Long.getLong("fuzz.seed", 1127L));
        Path damaged = dir.resolve("damaged.jfr");
        for (int i = 0; i < Integer.getInteger("fuzz.iterations", 150); i++) {
            byte[] bytes = recorded[i % recorded.length].clone();
            if (random.nextInt(4) == 0) {
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips && bytes.length > 0; f++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            Files.write(damaged, bytes);
            assertThatCode(() -> {
                try {
                    OldObjectAnalysis.analyze(damaged);
                } catch (IOException expected) {
                    // the documented answer to a damaged file
                }
            }).as("damage %d", i).doesNotThrowAnyException();
        }
    }
}
