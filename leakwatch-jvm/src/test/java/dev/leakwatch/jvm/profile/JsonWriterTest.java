package dev.leakwatch.jvm.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void writesNestedValuesWithCommasAndEscapes() throws Exception {
        String text = new JsonWriter().beginObject()
                .name("name").value("a \"quoted\"\\ line\nwith\ttab and <tag> \u0001")
                .name("n").value(-42)
                .name("none").value(null)
                .name("list").beginArray().value(1).beginObject().name("x").value(2).endObject().value("y").endArray()
                .endObject().toString();

        JsonNode json = new ObjectMapper().readTree(text);
        assertThat(json.get("name").asText()).isEqualTo("a \"quoted\"\\ line\nwith\ttab and <tag> \u0001");
        assertThat(json.get("n").asLong()).isEqualTo(-42);
        assertThat(json.get("none").isNull()).isTrue();
        assertThat(json.get("list").toString()).isEqualTo("[1,{\"x\":2},\"y\"]");
        assertThat(text).doesNotContain("<tag>");
    }
}
