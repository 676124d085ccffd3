package dev.leakwatch.agent.findings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakwatch.core.model.DiagnosisJson;
import java.util.List;

/**
 * The body of {@code GET /api/v1/findings}: a JSON array whose elements are complete
 * {@code leakwatch.diagnosis/v1} documents, each with three additions that v1 allows:
 * {@code firstSeen} and {@code updated} (ISO-8601), and {@code process} (pid, start ticks and
 * name, since a pid alone may have been reused).
 */
final class FindingsDocuments {
    private static final ObjectMapper MAPPER = DiagnosisJson.mapper();

    private FindingsDocuments() {}

    static byte[] write(List<ProcessFindings> entries) {
        ArrayNode array = MAPPER.createArrayNode();
        for (ProcessFindings e : entries) {
            ObjectNode doc = MAPPER.valueToTree(e.diagnosis());
            doc.put("firstSeen", e.firstSeen().toString());
            doc.put("updated", e.updated().toString());
            ObjectNode process = doc.putObject("process");
            process.put("pid", e.process().pid());
            process.put("startTicks", e.process().startTicks());
            process.put("name", e.process().name());
            array.add(doc);
        }
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the findings", e);
        }
    }
}
