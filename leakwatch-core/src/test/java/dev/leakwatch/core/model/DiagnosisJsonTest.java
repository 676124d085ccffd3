package dev.leakwatch.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class DiagnosisJsonTest {

    @Test
    void writesTheContractFieldsWithTheirContractNames() throws Exception {
        JsonNode json = DiagnosisJson.mapper().readTree(DiagnosisJson.write(SampleDiagnoses.contractExample()));

        assertThat(json.get("schema").asText()).isEqualTo("leakwatch.diagnosis/v1");
        assertThat(json.at("/target/pid").asLong()).isEqualTo(1234);
        assertThat(json.at("/target/jvm").asText()).isEqualTo("17.0.15");
        assertThat(json.at("/window/start").asText()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(json.at("/window/samples").asInt()).isEqualTo(24);
        assertThat(json.get("verdict").asText()).isEqualTo("leak");
        assertThat(json.has("reason")).as("null reason is left out").isFalse();
        JsonNode finding = json.at("/findings/0");
        assertThat(finding.get("resource").asText()).isEqualTo("heap");
        assertThat(finding.get("severity").asText()).isEqualTo("leak");
        assertThat(finding.get("unit").asText()).isEqualTo("bytes");
        assertThat(finding.get("growthPerMinute").asDouble()).isEqualTo(2_097_152);
        assertThat(finding.get("limit").asLong()).isEqualTo(268_435_456L);
        assertThat(finding.get("timeToExhaustionSeconds").asLong()).isEqualTo(5400);
        JsonNode cls = finding.at("/culprits/0");
        assertThat(cls.get("kind").asText()).isEqualTo("class");
        assertThat(cls.get("allocationSite").asText()).isEqualTo("com.example.MetricCache.put(MetricCache.java:42)");
        assertThat(cls.get("gcRootPath").get(0).asText()).isEqualTo("static com.example.Agent.cache");
        assertThat(cls.has("frames")).isFalse();
        assertThat(finding.at("/culprits/1/kind").asText()).isEqualTo("thread-stack");
        assertThat(finding.at("/culprits/1/state").asText()).isEqualTo("WAITING");
        assertThat(finding.at("/culprits/2/kind").asText()).isEqualTo("fd");
        assertThat(finding.at("/culprits/2/type").asText()).isEqualTo("file");
        assertThat(finding.at("/evidence/0/kind").asText()).isEqualTo("class-histogram");
        assertThat(json.at("/captures/0/forcedGc").asBoolean()).isTrue();
        assertThat(json.at("/trends/0/series/1/1").asDouble()).isEqualTo(102e6);
    }

    @Test
    void readsBackWhatItWrote() throws Exception {
        Diagnosis original = SampleDiagnoses.contractExample();
        Diagnosis back = DiagnosisJson.read(DiagnosisJson.write(original));

        assertThat(back.findings()).isEqualTo(original.findings());
        assertThat(back.target()).isEqualTo(original.target());
        assertThat(back.window()).isEqualTo(original.window());
        assertThat(back.trends().get(0).series().get(2)).containsExactly(original.trends().get(0).series().get(2));
    }

    @Test
    void toleratesUnknownFieldsAddedWithinV1() throws Exception {
        String json = DiagnosisJson.write(SampleDiagnoses.contractExample())
                .replaceFirst("\\{", "{\"someFutureField\": 1,");
        assertThat(DiagnosisJson.read(json).verdict()).isEqualTo(Verdict.LEAK);
    }

    @Test
    void rejectsUnknownEnumValuesWithTheirName() {
        String json = DiagnosisJson.write(SampleDiagnoses.contractExample()).replace("\"heap\"", "\"swap\"");
        assertThatThrownBy(() -> DiagnosisJson.read(json)).hasMessageContaining("swap");
    }
}
