package dev.leakwatch.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.core.model.DiagnosisJson;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DiagnosisReadingTest {

    @Test
    void readsTheContractExample() {
        DiagnosisReading d = Samples.reading(Samples.HEAP_LEAK);

        assertThat(d.verdict()).isEqualTo("leak");
        assertThat(d.findings()).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo("heap");
            assertThat(f.severity()).isEqualTo("leak");
            assertThat(f.culprits()).extracting(DiagnosisReading.Culprit::kind).containsExactly("class", "thread-stack", "fd");
        });
        DiagnosisReading.Culprit first = d.finding("heap").culprits().get(0);
        assertThat(first.texts()).containsExactly("com.example.MetricPoint", "com.example.MetricCache.put(MetricCache.java:42)",
                "static com.example.Agent.cache", "java.util.HashMap.table", "com.example.MetricPoint");
        assertThat(d.finding("heap").culprits().get(1).mentions("Fetcher.run")).isTrue();
    }

    @Test
    void toleratesFieldsAddedWithinV1() {
        DiagnosisReading d = Samples.reading(Samples.CONTAINER_LEAK);

        assertThat(d.findings()).extracting(DiagnosisReading.Finding::resource).containsExactly("heap", "fds");
        assertThat(d.finding("heap").culprits().get(2).mentions("BufferRegistry.register")).isTrue();
        assertThat(d.finding("threads")).isNull();
    }

    @Test
    void readsReasonsAndEmptyFindings() {
        DiagnosisReading d = Samples.reading(Samples.INCONCLUSIVE);

        assertThat(d.verdict()).isEqualTo("inconclusive");
        assertThat(d.reason()).startsWith("only 4 samples");
        assertThat(d.findings()).isEmpty();
    }

    @Test
    void samplesWithoutAdditionsAlsoBindToTheModelRecords() throws Exception {
        for (String sample : List.of(Samples.HEAP_LEAK, Samples.SOCKET_LEAK, Samples.NATIVE_AND_FDS, Samples.NO_LEAK, Samples.INCONCLUSIVE)) {
            assertThat(DiagnosisJson.read(Samples.text(sample)).verdict().id())
                    .isEqualTo(Samples.reading(sample).verdict());
        }
    }

    @Test
    void rejectsWhatIsNotADiagnosis() {
        assertThatThrownBy(() -> DiagnosisReading.parse("leakwatch: unknown command 'diagnose'"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("diagnosis output is not JSON");
        assertThatThrownBy(() -> DiagnosisReading.parse("")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> DiagnosisReading.parse("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> DiagnosisReading.parse("{\"schema\":\"leakwatch.diagnosis/v2\",\"verdict\":\"leak\"}"))
                .hasMessageContaining("unsupported diagnosis schema 'leakwatch.diagnosis/v2'");
        assertThatThrownBy(() -> DiagnosisReading.parse("{\"schema\":\"leakwatch.diagnosis/v1\",\"verdict\":3}"))
                .hasMessage("diagnosis has no verdict");
    }

    @Test
    void fuzzedSamplesThrowOnlyIllegalArgument() {
        Random random = new Random(5);
        List<String> samples = List.of(Samples.text(Samples.HEAP_LEAK), Samples.text(Samples.CONTAINER_LEAK), Samples.text(Samples.NATIVE_AND_FDS));
        for (int i = 0; i < 3000; i++) {
            String mutated = mutate(samples.get(random.nextInt(samples.size())), random);
            try {
                DiagnosisReading d = DiagnosisReading.parse(mutated);
                assertThat(d.verdict()).isNotNull();
                assertThat(d.findings()).allSatisfy(f -> assertThat(f.culprits()).allSatisfy(c -> assertThat(c.texts()).isNotEmpty()));
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    private static String mutate(String text, Random random) {
        String alphabet = "{}[]\",:0123456789 -eE.nultrfasx\\";
        StringBuilder s = new StringBuilder(text);
        for (int edits = 1 + random.nextInt(6); edits > 0 && s.length() > 0; edits--) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(4)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 2 -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                default -> s.setLength(at);
            }
        }
        return s.toString();
    }
}
