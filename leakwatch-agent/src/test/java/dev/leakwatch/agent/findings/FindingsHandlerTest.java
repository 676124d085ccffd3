package dev.leakwatch.agent.findings;

import static dev.leakwatch.agent.findings.Diagnoses.T0;
import static dev.leakwatch.agent.findings.Diagnoses.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakwatch.agent.admin.AdminServer;
import dev.leakwatch.agent.admin.AdminSettings;
import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.model.DiagnosisJson;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/findings} mounted on a real admin listener, over a real store. */
class FindingsHandlerTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private SqliteFindingsRepository repo;
    private AdminServer admin;

    private final ProcessFindings leaking = entry(101, Diagnoses.leak(101), T0.plusSeconds(30));
    private final ProcessFindings cleared = entry(102, Diagnoses.clean(102), T0.plusSeconds(20));
    private final ProcessFindings exited = entry(103, Diagnoses.inconclusive(103), T0.plusSeconds(10));

    @BeforeEach
    void start() throws Exception {
        repo = SqliteFindingsRepository.open(dir, 100, new PrometheusRegistry());
        for (ProcessFindings f : List.of(leaking, cleared, exited)) {
            repo.save(f);
        }
        admin = AdminServer.start(AdminSettings.defaults().withPort(0));
        admin.mount("/api/v1/findings", "findings", new FindingsHandler(repo));
    }

    @AfterEach
    void stop() {
        if (admin != null) {
            admin.close();
        }
        if (repo != null) {
            repo.close();
        }
    }

    private HttpResponse<String> get(String query) throws Exception {
        return send(HttpRequest.newBuilder(uri(query)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String query) {
        return URI.create("http://127.0.0.1:" + admin.address().getPort() + "/api/v1/findings" + query);
    }

    private static List<Long> pids(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        List<Long> pids = new ArrayList<>();
        for (JsonNode doc : DiagnosisJson.mapper().readTree(response.body())) {
            pids.add(doc.path("target").path("pid").asLong());
        }
        return pids;
    }

    @Test
    void byDefaultOnlyProcessesWithFindingsMostRecentFirst() throws Exception {
        assertThat(pids(get(""))).containsExactly(101L, 103L);
    }

    @Test
    void allIncludesClearedOnes() throws Exception {
        assertThat(pids(get("?all=true"))).containsExactly(101L, 102L, 103L);
        assertThat(pids(get("?all"))).containsExactly(101L, 102L, 103L);
        assertThat(pids(get("?all=false"))).containsExactly(101L, 103L);
    }

    @Test
    void filtersByPidAndVerdict() throws Exception {
        assertThat(pids(get("?pid=103"))).containsExactly(103L);
        assertThat(pids(get("?pid=102"))).as("cleared, so hidden without all").isEmpty();
        assertThat(pids(get("?pid=102&all=true"))).containsExactly(102L);
        assertThat(pids(get("?verdict=leak"))).containsExactly(101L);
        assertThat(pids(get("?verdict=inconclusive"))).containsExactly(103L);
        assertThat(pids(get("?verdict=no-leak&all=true"))).containsExactly(102L);
        assertThat(pids(get("?verdict=no-leak"))).isEmpty();
        assertThat(pids(get("?pid=999"))).isEmpty();
    }

    @Test
    void eachElementIsACompleteDiagnosisDocumentWithItsTimes() throws Exception {
        HttpResponse<String> response = get("?all=true");
        JsonNode array = DiagnosisJson.mapper().readTree(response.body());
        assertThat(array.isArray()).isTrue();
        List<ProcessFindings> expected = List.of(leaking, cleared, exited);
        for (int i = 0; i < expected.size(); i++) {
            JsonNode doc = array.get(i);
            ProcessFindings want = expected.get(i);
            Diagnosis read = DiagnosisJson.read(doc.toString());
            assertThat(read).isEqualTo(want.diagnosis());
            assertThat(doc.path("schema").asText()).isEqualTo("leakwatch.diagnosis/v1");
            assertThat(Instant.parse(doc.path("firstSeen").asText())).isEqualTo(want.firstSeen());
            assertThat(Instant.parse(doc.path("updated").asText())).isEqualTo(want.updated());
            assertThat(doc.path("process").path("startTicks").asLong()).isEqualTo(want.process().startTicks());
            assertThat(doc.path("process").path("name").asText()).isEqualTo(want.process().name());
        }
        JsonNode culprit = array.get(0).path("findings").get(0).path("culprits").get(0);
        assertThat(culprit.path("allocationSite").asText()).isEqualTo("com.example.MetricCache.put(MetricCache.java:42)");
        assertThat(culprit.path("gcRootPath").size()).isEqualTo(3);
        assertThat(array.get(0).path("findings").get(0).path("evidence").get(0).path("kind").asText())
                .isEqualTo("class-histogram");
        assertThat(array.get(2).path("reason").asText()).isEqualTo("the process exited during the window");
    }

    @Test
    void badParametersAreA400WithAJsonError() throws Exception {
        assertError(get("?pid=abc"), 400, "pid must be a positive process id, got 'abc'");
        assertError(get("?pid=-3"), 400, "pid must be a positive process id");
        assertError(get("?verdict=leaky"), 400, "verdict must be one of leak, no-leak, inconclusive, got 'leaky'");
        assertError(get("?all=yes"), 400, "all must be true or false, got 'yes'");
        assertError(get("?verdit=leak"), 400, "unknown query parameter verdit; known: pid, verdict, all");
        assertError(get("?pid=1&pid=2&verdict=leak&verdict=x&all=true&all=false&a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8"
                + "&i=9&j=10&k=11&l=12&m=13&n=14&o=15&p=16&q=17&r=18&s=19&t=20&u=21&v=22&w=23&x=24&y=25&z=26&zz=27"),
                400, "too many query parameters");
    }

    @Test
    void otherMethodsAreA405() throws Exception {
        HttpResponse<String> post = send(HttpRequest.newBuilder(uri("")).POST(HttpRequest.BodyPublishers.noBody()));
        assertError(post, 405, "method POST not allowed; use GET");
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        assertError(send(HttpRequest.newBuilder(uri("")).DELETE()), 405, "method DELETE not allowed");
        HttpResponse<String> head = send(HttpRequest.newBuilder(uri("")).method("HEAD",
                HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aStoreThatCannotBeReadIsA503() throws Exception {
        repo.close();
        assertError(get(""), 503, "the findings store cannot be read");
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(DiagnosisJson.mapper().readTree(response.body()).path("error").asText()).contains(message);
    }
}
