package dev.leakwatch.bench.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.model.DiagnosisJson;
import java.util.ArrayList;
import java.util.List;

/**
 * What the evaluation needs from a {@code leakwatch.diagnosis/v1} document, read as a black box:
 * the verdict, and per finding its resource, severity and culprits in rank order. Read from the
 * JSON tree rather than bound to the model records, so fields added within v1 never break it.
 *
 * @param verdict  {@code leak}, {@code no-leak} or {@code inconclusive}
 * @param reason   the diagnosis's reason, null if none
 * @param findings in document order
 */
record DiagnosisReading(String verdict, String reason, List<Finding> findings) {

    DiagnosisReading {
        findings = List.copyOf(findings);
    }

    /**
     * One finding.
     *
     * @param resource  contract resource id
     * @param severity  {@code leak} or {@code suspect}
     * @param culprits  most responsible first
     */
    record Finding(String resource, String severity, List<Culprit> culprits) {
        Finding {
            culprits = List.copyOf(culprits);
        }
    }

    /**
     * One culprit, with every text that can name the application's code.
     *
     * @param kind   culprit kind
     * @param name   its name (class, thread pattern, fd pattern, loader type)
     * @param texts  name, allocation site, GC-root path elements and frames, in that order
     */
    record Culprit(String kind, String name, List<String> texts) {
        Culprit {
            texts = List.copyOf(texts);
        }

        boolean mentions(String substring) {
            return texts.stream().anyMatch(t -> t.contains(substring));
        }
    }

    /**
     * Reads a diagnosis document.
     *
     * @throws IllegalArgumentException if it is not JSON, not a {@code leakwatch.diagnosis/v1}
     *     document, or lacks a textual {@code verdict}
     */
    static DiagnosisReading parse(String json) {
        JsonNode root;
        try {
            root = DiagnosisJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("diagnosis output is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("diagnosis output is not a JSON object");
        }
        String schema = root.path("schema").asText("");
        if (!schema.equals(Diagnosis.SCHEMA)) {
            throw new IllegalArgumentException("unsupported diagnosis schema '" + schema + "', expected " + Diagnosis.SCHEMA);
        }
        JsonNode verdict = root.get("verdict");
        if (verdict == null || !verdict.isTextual()) {
            throw new IllegalArgumentException("diagnosis has no verdict");
        }
        List<Finding> findings = new ArrayList<>();
        for (JsonNode finding : root.path("findings")) {
            List<Culprit> culprits = new ArrayList<>();
            for (JsonNode culprit : finding.path("culprits")) {
                culprits.add(culprit(culprit));
            }
            findings.add(new Finding(finding.path("resource").asText(""), finding.path("severity").asText(""), culprits));
        }
        JsonNode reason = root.get("reason");
        return new DiagnosisReading(verdict.asText(), reason != null && reason.isTextual() ? reason.asText() : null, findings);
    }

    private static Culprit culprit(JsonNode node) {
        List<String> texts = new ArrayList<>();
        String name = node.path("name").asText("");
        texts.add(name);
        if (node.path("allocationSite").isTextual()) {
            texts.add(node.get("allocationSite").asText());
        }
        for (String list : List.of("gcRootPath", "frames")) {
            for (JsonNode element : node.path(list)) {
                if (element.isTextual()) {
                    texts.add(element.asText());
                }
            }
        }
        return new Culprit(node.path("kind").asText(""), name, texts);
    }

    /** The first finding about {@code resource}, or null. */
    Finding finding(String resource) {
        return findings.stream().filter(f -> f.resource().equals(resource)).findFirst().orElse(null);
    }
}
