package dev.leakwatch.core.heap;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random mutations of recorded histograms: the parser answers with a histogram or an IllegalArgumentException. */
class ClassHistogramParserFuzzTest {

    @Test
    void mutatedHistogramsParseOrFailWithIllegalArgument() {
        String[] recorded = {
            Recordings.read("heap/jdk17-small-app.txt"), Recordings.read("heap/jdk25-metric-cache-leak-2.txt")};
        Random random = new Random(20261127L);
        for (int i = 0; i < 2_000; i++) {
            String mutated = TextMutations.mutate(recorded[i % recorded.length], random);
            assertThatCode(() -> {
                try {
                    ClassHistogramParser.parse(mutated);
                } catch (IllegalArgumentException expected) {
                    // the documented answer to bad input
                }
            }).as("mutation %d", i).doesNotThrowAnyException();
        }
    }
}
