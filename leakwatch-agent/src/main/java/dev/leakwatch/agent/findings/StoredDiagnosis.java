package dev.leakwatch.agent.findings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.model.DiagnosisJson;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How an entry's values are kept in their columns: the diagnosis as its {@code v1} JSON document
 * (compact, written and read by {@link DiagnosisJson}), and instants as ISO-8601 UTC text with all
 * nine fraction digits, which reads well in {@code sqlite3} and sorts in time order as text.
 */
final class StoredDiagnosis {
    private static final ObjectWriter WRITER = DiagnosisJson.mapper().writer()
            .without(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter INSTANT = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private StoredDiagnosis() {}

    static String encode(Diagnosis diagnosis) {
        try {
            return WRITER.writeValueAsString(diagnosis);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the diagnosis of pid "
                    + (diagnosis.target() == null ? "?" : diagnosis.target().pid()), e);
        }
    }

    /**
     * Reads a stored document back.
     *
     * @throws IllegalArgumentException when the text is not a {@code leakwatch.diagnosis/v1}
     *     document with a target and a verdict; the message says what is wrong
     */
    static Diagnosis decode(String json) {
        if (json == null) {
            throw new IllegalArgumentException("no diagnosis stored");
        }
        Diagnosis d;
        try {
            d = DiagnosisJson.read(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a diagnosis document: " + e.getOriginalMessage(), e);
        }
        if (d == null) {
            throw new IllegalArgumentException("not a diagnosis document: JSON null");
        }
        return check(d);
    }

    /**
     * The diagnosis itself when it is complete enough to be stored and served: schema
     * {@code v1}, a target and a verdict.
     *
     * @throws IllegalArgumentException naming what is missing
     */
    static Diagnosis check(Diagnosis d) {
        if (!Diagnosis.SCHEMA.equals(d.schema())) {
            throw new IllegalArgumentException("schema is '" + d.schema() + "', expected " + Diagnosis.SCHEMA);
        }
        if (d.target() == null || d.verdict() == null) {
            throw new IllegalArgumentException("the diagnosis has no " + (d.target() == null ? "target" : "verdict"));
        }
        return d;
    }

    static String encode(Instant instant) {
        return INSTANT.format(instant);
    }

    /** @throws IllegalArgumentException when the text is not an ISO-8601 instant */
    static Instant decodeInstant(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no timestamp stored");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad timestamp '" + text + "': " + e.getMessage(), e);
        }
    }
}
